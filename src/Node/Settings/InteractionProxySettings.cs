using System.Net;
using Akka.Configuration.Hocon;
using ClusterSip.InteractionProxy;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.interaction-proxy: the Interaction Proxy TCP server and its sessions.</summary>
public sealed record InteractionProxySettings(ProxySettings Proxy)
{
    private const string Section = "cluster-sip.interaction-proxy";

    public IPEndPoint EndPoint => Proxy.EndPoint;

    public static InteractionProxySettings Read(SettingsReader reader) =>
        new(new ProxySettings(
            new IPEndPoint(reader.IpAddress($"{Section}.host"), reader.Port($"{Section}.port")),
            reader.Int($"{Section}.cache-max-events", 1, int.MaxValue),
            reader.Duration($"{Section}.cache-max-age"),
            reader.Int($"{Section}.cache-max-total-events", 1, int.MaxValue),
            reader.Duration($"{Section}.session-timeout"),
            reader.Duration($"{Section}.disconnect-grace"),
            reader.Int($"{Section}.max-line-bytes", 256, 16 * 1024 * 1024),
            reader.Int($"{Section}.send-queue", 1, 1_000_000),
            Secrets(reader)));

    /// <summary>secrets = { ClusterId = "secret", ... }: each value a non-empty string.</summary>
    private static Dictionary<string, string> Secrets(SettingsReader reader)
    {
        var path = $"{Section}.secrets";
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var section = reader.Config.GetConfig(path);
        if (section is null || section.IsEmpty) return secrets;
        foreach (var (clusterId, value) in section.AsEnumerable())
        {
            if (value is not HoconValue { } hocon || HoconTree.KindOf(hocon) != HoconKind.Value || string.IsNullOrEmpty(hocon.GetString()))
                throw reader.Invalid(path, $"the secret of ClusterId '{clusterId}' must be a non-empty string");
            secrets[clusterId] = hocon.GetString();
        }
        return secrets;
    }
}
