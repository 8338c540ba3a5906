using System.Text;
using ClusterSip.Sip.Tests.Messages;
using ClusterSip.Sip.Tests.TestData;
using FsCheck;
using FsCheck.Fluent;

namespace ClusterSip.Sip.Tests.Properties;

/// <summary>Real messages (RFC 4475, SIPp scenarios, samples) with a handful of random byte edits.</summary>
public static class FuzzGenerators
{
    public static readonly byte[][] Corpus =
    [
        .. TestFiles.Names("rfc4475").Select(TestFiles.Rfc4475),
        .. TestFiles.Names("sipp").Select(TestFiles.Sipp),
        Encoding.ASCII.GetBytes(SampleMessages.Invite),
    ];

    // Bytes that matter to the grammar are drawn more often than arbitrary ones.
    private static readonly byte[] Interesting = "\r\n \t:;,=<>\"\\%@/?[]*0123456789"u8.ToArray();

    public static Arbitrary<MutatedMessage> Messages() => Arb.From(
        from index in Gen.Choose(0, Corpus.Length - 1)
        from count in Gen.Choose(1, 6)
        from mutations in Gen.ArrayOf(MutationGen(), count)
        select new MutatedMessage(index, mutations));

    private static Gen<Mutation> MutationGen() =>
        from kind in Gen.Frequency(
            (4, Gen.Constant(MutationKind.Flip)),
            (4, Gen.Constant(MutationKind.Replace)),
            (3, Gen.Constant(MutationKind.Insert)),
            (3, Gen.Constant(MutationKind.Delete)),
            (1, Gen.Constant(MutationKind.Truncate)))
        from position in Gen.Choose(0, 10000).Select(p => p / 10000.0)
        from value in Gen.OneOf(Gen.Elements(Interesting), Gen.Choose(0, 255).Select(b => (byte)b))
        from length in Gen.Choose(1, 40)
        select new Mutation(kind, position, value, length);
}

public sealed record MutatedMessage(int CorpusIndex, Mutation[] Mutations)
{
    public byte[] Bytes() => Mutations.Aggregate(FuzzGenerators.Corpus[CorpusIndex], (bytes, m) => m.Apply(bytes));
}
