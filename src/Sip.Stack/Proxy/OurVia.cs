using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>The Via this node pushes on a request it sends to <c>destination</c> from its listener <c>local</c> (RFC 3261 16.6 step 8).</summary>
internal static class OurVia
{
    public static ViaHeader Create(SipEndPoint local, SipEndPoint destination, string branch) =>
        new(destination.ViaTransport, local.Address.Address.ToString(), local.Address.Port, new SipParameters([new SipParameter("branch", branch)]));
}
