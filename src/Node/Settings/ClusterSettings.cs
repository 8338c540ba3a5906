using System.Text.RegularExpressions;
using Akka.Actor;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>How a node joins at start (cluster-sip.cluster.join).</summary>
public enum JoinMode { Self, SeedNodes, Manual }

/// <summary>cluster-sip.cluster, plus the remoting endpoint Akka binds (akka.remote.dot-netty.tcp).</summary>
public sealed partial record ClusterSettings(
    string SystemName,
    JoinMode Join,
    IReadOnlyList<Address> SeedNodes,
    IReadOnlyList<string> Roles,
    string RemotingHost,
    int RemotingPort)
{
    private static readonly Dictionary<string, JoinMode> JoinModes = new()
    {
        ["self"] = JoinMode.Self,
        ["seed-nodes"] = JoinMode.SeedNodes,
        ["manual"] = JoinMode.Manual,
    };

    public static ClusterSettings Read(SettingsReader reader)
    {
        var systemName = reader.NonEmptyString("cluster-sip.cluster.system-name");
        if (!SystemNamePattern().IsMatch(systemName))
            throw reader.Invalid("cluster-sip.cluster.system-name", "must start with a letter or digit and hold only letters, digits, '-' and '_'");

        var join = reader.Choice("cluster-sip.cluster.join", JoinModes);
        var seeds = reader.ParsedList("cluster-sip.cluster.seed-nodes", text => ParseSeed(text, systemName));
        if (join == JoinMode.SeedNodes && seeds.Count == 0)
            throw reader.Invalid("cluster-sip.cluster.seed-nodes", "must list at least one address when cluster-sip.cluster.join = \"seed-nodes\"");

        var roles = reader.StringList("cluster-sip.cluster.roles");
        if (roles.Any(string.IsNullOrWhiteSpace))
            throw reader.Invalid("cluster-sip.cluster.roles", "must not hold empty role names");

        var publicHost = reader.String("akka.remote.dot-netty.tcp.public-hostname");
        return new ClusterSettings(
            systemName,
            join,
            seeds,
            roles,
            publicHost.Length > 0 ? publicHost : reader.NonEmptyString("akka.remote.dot-netty.tcp.hostname"),
            reader.Int("akka.remote.dot-netty.tcp.port", 0, 65535));
    }

    private static (Address? Value, string? Error) ParseSeed(string text, string systemName)
    {
        if (!Address.TryParse(text, out var address) || address.Host is null || address.Port is null)
            return (null, "expected an address such as \"akka.tcp://cluster-sip@10.0.0.1:4053\"");
        if (address.System != systemName)
            return (null, $"system name \"{address.System}\" differs from cluster-sip.cluster.system-name \"{systemName}\"");
        return (address, null);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex SystemNamePattern();
}
