using Akka.Actor;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// Node names as call events carry them (<c>system@host:port</c>, see docs/call-events.md), matched against cluster
/// member addresses. A name given with its protocol (akka.tcp://system@host:port) names the same node.
/// </summary>
public static class NodeNames
{
    public static string Of(Address address) => $"{address.System}@{address.Host}:{address.Port}".ToLowerInvariant();

    public static string Normalize(string node)
    {
        var scheme = node.IndexOf("://", StringComparison.Ordinal);
        return (scheme >= 0 ? node[(scheme + 3)..] : node).Trim().ToLowerInvariant();
    }

    /// <summary>The Akka address of a node name; null when it does not parse.</summary>
    public static Address? AddressOf(string node, string protocol)
    {
        var name = node.Contains("://", StringComparison.Ordinal) ? node : $"{protocol}://{node}";
        return Address.TryParse(name, out var address) && address.Host is not null && address.Port is not null ? address : null;
    }
}
