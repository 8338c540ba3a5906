using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>A transport address: protocol plus IP end point (a listener's local address, or a peer's).</summary>
public readonly record struct SipEndPoint(SipProtocol Protocol, IPEndPoint Address)
{
    /// <summary>The Via transport token for this protocol ("UDP", "TCP").</summary>
    public string ViaTransport => Protocol == SipProtocol.Udp ? "UDP" : "TCP";

    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()}:{Address}";
}
