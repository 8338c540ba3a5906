namespace ClusterSip.Sip.Stack.Transport;

/// <summary>Outcome of a send. A failure (e.g. TCP connection refused) lets the transaction layer fail over (RFC 3263 4.3).</summary>
public readonly record struct SendResult(bool Sent, string? Error = null)
{
    public static readonly SendResult Ok = new(true);

    public static SendResult Failed(string error) => new(false, error);
}
