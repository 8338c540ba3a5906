namespace ClusterSip.Sip.Tests.Properties;

/// <summary>One random edit of a message: flip, insert, delete or truncate at a relative position.</summary>
public sealed record Mutation(MutationKind Kind, double Position, byte Value, int Length)
{
    public byte[] Apply(byte[] input)
    {
        if (input.Length == 0)
        {
            return Kind == MutationKind.Insert ? Enumerable.Repeat(Value, Length).ToArray() : input;
        }

        var at = Math.Min(input.Length - 1, (int)(Position * input.Length));
        return Kind switch
        {
            MutationKind.Flip => [.. input[..at], (byte)(input[at] ^ Value), .. input[(at + 1)..]],
            MutationKind.Replace => [.. input[..at], Value, .. input[(at + 1)..]],
            MutationKind.Insert => [.. input[..at], .. Enumerable.Repeat(Value, Length), .. input[at..]],
            MutationKind.Delete => [.. input[..at], .. input[Math.Min(input.Length, at + Length)..]],
            _ => input[..at],
        };
    }
}

public enum MutationKind
{
    Flip,
    Replace,
    Insert,
    Delete,
    Truncate,
}
