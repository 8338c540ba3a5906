using System.Net;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.management: the HTTP management API.</summary>
/// <param name="Host">The configured address.</param>
/// <param name="Token">The bearer token, or null when none is configured.</param>
public sealed record ManagementSettings(IPAddress Host, int Port, string? Token, TimeSpan AskTimeout)
{
    /// <summary>Without a token the API is reachable from this machine only, whatever Host says.</summary>
    public IPAddress BindAddress => Token is null && !IPAddress.IsLoopback(Host)
        ? (Host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback)
        : Host;

    public bool IsForcedToLoopback => !BindAddress.Equals(Host);

    public static ManagementSettings Read(SettingsReader reader)
    {
        var token = reader.String("cluster-sip.management.token");
        return new ManagementSettings(
            reader.IpAddress("cluster-sip.management.host"),
            reader.Port("cluster-sip.management.port"),
            token.Length == 0 ? null : token,
            reader.Duration("cluster-sip.management.ask-timeout"));
    }
}
