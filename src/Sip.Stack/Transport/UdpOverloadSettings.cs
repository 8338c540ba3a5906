namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// When a UDP listener counts as overloaded: its socket's receive queue held at least <paramref name="BacklogBytes"/>
/// (kernel accounting: 1,280 bytes for a 600-byte datagram) for <paramref name="After"/> without draining below half
/// of it. While it is, the transaction layer answers the new out-of-dialog requests it brings with 503 instead of
/// starting them, so the work already begun (in-dialog requests, ACKs, CANCELs, responses) gets through.
/// </summary>
public sealed record UdpOverloadSettings(int BacklogBytes, TimeSpan After);
