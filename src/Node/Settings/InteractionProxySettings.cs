using System.Net;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.interaction-proxy: where the Interaction Proxy TCP server listens.</summary>
public sealed record InteractionProxySettings(IPEndPoint EndPoint)
{
    public static InteractionProxySettings Read(SettingsReader reader) =>
        new(new IPEndPoint(
            reader.IpAddress("cluster-sip.interaction-proxy.host"),
            reader.Port("cluster-sip.interaction-proxy.port")));
}
