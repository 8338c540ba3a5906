using System.Net;
using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.sip: where and how the SIP transports listen, and how next hops are looked up.</summary>
public sealed record SipSettings(IReadOnlyList<ListenEndpoint> Listen, TransportSettings Transport, DnsSettings Dns)
{
    private const string Section = "cluster-sip.sip";

    public static SipSettings Read(SettingsReader reader)
    {
        var listen = reader.ParsedList($"{Section}.listen", ListenEndpoint.Parse);
        var duplicate = listen.GroupBy(e => e).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw reader.Invalid($"{Section}.listen", $"lists {duplicate.Key} more than once");

        var advertised = reader.String($"{Section}.advertised-address");
        var transport = new TransportSettings
        {
            Listen = listen.Select(e => e.ToSipEndPoint()).ToList(),
            AdvertisedAddress = advertised.Length == 0 ? null : reader.IpAddress($"{Section}.advertised-address"),
            MaxMessageSize = reader.Int($"{Section}.max-message-size", 1024, 1024 * 1024),
            MaxTcpConnectionsPerSource = reader.Int($"{Section}.tcp-max-connections-per-source", 1, 100_000),
            MaxTcpConnections = reader.Int($"{Section}.tcp-max-connections", 0, 10_000_000),
            TcpIdleTimeout = reader.Duration($"{Section}.tcp-idle-timeout"),
            TcpConnectTimeout = reader.Duration($"{Section}.tcp-connect-timeout"),
            TcpSendTimeout = reader.Duration($"{Section}.tcp-send-timeout"),
            TcpMessageReadTimeout = reader.Duration($"{Section}.tcp-message-read-timeout"),
            UdpMtu = reader.Int($"{Section}.udp-mtu", 0, 65_535),
            Pike = PikeSection.Read(reader),
            Tls = TlsSection.Read(reader, needsIdentity: listen.Any(e => e.Transport is SipProtocol.Tls or SipProtocol.Wss)),
            UdpReceiveBufferSize = reader.Int($"{Section}.udp-receive-buffer-size", 64 * 1024, 256 * 1024 * 1024),
            UdpReceiveLoops = reader.Int($"{Section}.udp-receive-threads", 0, 1024) is var threads and > 0
                ? threads
                : Math.Max(1, Environment.ProcessorCount / 2),
            UdpOverload = reader.Int($"{Section}.udp-overload-backlog", 0, int.MaxValue) is var backlog and > 0
                ? new UdpOverloadSettings(backlog, reader.Duration($"{Section}.udp-overload-after"))
                : null,
        };

        var dns = new DnsSettings(
            reader.ParsedList($"{Section}.dns.servers", ParseServer),
            reader.Duration($"{Section}.dns.timeout"),
            reader.Int($"{Section}.dns.retries", 0, 10));
        return new SipSettings(listen, transport, dns);
    }

    private static (IPEndPoint? Value, string? Error) ParseServer(string text) =>
        IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0
            ? (endPoint, null)
            : (null, "expected a name server as \"ip:port\", e.g. \"127.0.0.1:53\"");
}
