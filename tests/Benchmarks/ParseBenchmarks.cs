using BenchmarkDotNet.Attributes;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Benchmarks;

[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly ReadOnlyMemory<byte> _invite = Messages.Invite;
    private readonly ReadOnlyMemory<byte> _ok = Messages.Ok;

    [Benchmark]
    public SipMessage ParseInvite() => SipParser.Parse(_invite);

    [Benchmark]
    public SipMessage Parse200Ok() => SipParser.Parse(_ok);

    /// <summary>What a transaction layer reads from every request: top Via branch, CSeq and Call-ID.</summary>
    [Benchmark]
    public int ParseInviteAndReadTransactionKey()
    {
        var m = SipParser.Parse(_invite);
        return m.TopVia!.Branch!.Length + (int)m.CSeq!.Number + m.CallId!.Length;
    }
}
