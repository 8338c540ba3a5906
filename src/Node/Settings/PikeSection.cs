using System.Net;
using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.sip.pike: the per-source request rate limit.</summary>
public static class PikeSection
{
    private const string Section = "cluster-sip.sip.pike";

    private static readonly IReadOnlyDictionary<string, PikeUdpAction> UdpActions =
        new Dictionary<string, PikeUdpAction> { ["drop"] = PikeUdpAction.Drop, ["reply"] = PikeUdpAction.Reply };

    public static PikeSettings Read(SettingsReader reader) => new()
    {
        Enabled = reader.Flag($"{Section}.enabled"),
        Requests = reader.Int($"{Section}.requests", 1, 10_000_000),
        Period = reader.Duration($"{Section}.period"),
        BlockTime = reader.Duration($"{Section}.block-time"),
        UdpAction = reader.Choice($"{Section}.udp-action", UdpActions),
        TrustedNetworks = reader.ParsedList($"{Section}.trusted-networks", ParseNetwork),
        ExemptLoopback = reader.Flag($"{Section}.exempt-loopback"),
    };

    /// <summary>"10.0.0.0/8", "2001:db8::/32", or one address ("192.0.2.7").</summary>
    private static (IPNetwork Value, string? Error) ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
            return (network, null);
        if (IPAddress.TryParse(text, out var address))
            return (new IPNetwork(address, address.GetAddressBytes().Length * 8), null);
        return (default, "expected an address or a network in CIDR notation, e.g. \"10.0.0.0/8\"");
    }
}
