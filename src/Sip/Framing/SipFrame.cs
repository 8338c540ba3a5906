namespace ClusterSip.Sip.Framing;

/// <summary>The outcome of framing: what starts the buffer and how many bytes it occupies.</summary>
public readonly record struct SipFrame(FrameKind Kind, int Length, string? Error = null)
{
    public static readonly SipFrame Incomplete = new(FrameKind.Incomplete, 0);
}
