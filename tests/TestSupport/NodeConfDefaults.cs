using System.Net;
using Akka.Configuration;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Tests.Support;

/// <summary>
/// The defaults of the repository's hocon/node.conf as the SIP stack's settings records, for tests (and the echo bench)
/// that build the stack without a node; a test changes what it needs with <c>with { ... }</c>. The node reads the same
/// keys in src/Node/Settings; Node.Tests checks that both give the same records, so the two readings cannot drift.
/// </summary>
public static class NodeConfDefaults
{
    private static readonly Config Conf = ConfigurationFactory.ParseString(File.ReadAllText(Repository.Path("hocon", "node.conf")));

    public static TmSettings Tm { get; } = ReadTm(Conf.GetConfig("cluster-sip.tm"));

    public static RoutingSettings Routing { get; } = ReadRouting(Conf.GetConfig("cluster-sip.routing"));

    public static TransportSettings Transport { get; } = ReadTransport(Conf.GetConfig("cluster-sip.sip"));

    public static DnsSettings Dns { get; } = new(
        Conf.GetStringList("cluster-sip.sip.dns.servers").Select(IPEndPoint.Parse).ToList(),
        Conf.GetTimeSpan("cluster-sip.sip.dns.timeout"),
        Conf.GetInt("cluster-sip.sip.dns.retries"));

    private static TmSettings ReadTm(Config tm) => new()
    {
        FrTimer = TimeSpan.FromSeconds(tm.GetInt("fr_timer")),
        FrInvTimer = TimeSpan.FromSeconds(tm.GetInt("fr_inv_timer")),
        WtTimer = TimeSpan.FromSeconds(tm.GetInt("wt_timer")),
        DeleteTimer = TimeSpan.FromSeconds(tm.GetInt("delete_timer")),
        T1 = TimeSpan.FromMilliseconds(tm.GetInt("T1_timer")),
        T2 = TimeSpan.FromMilliseconds(tm.GetInt("T2_timer")),
        T4 = TimeSpan.FromMilliseconds(tm.GetInt("T4_timer")),
        NoisyCTimer = Flag(tm, "noisy_ctimer"),
        RestartFrOnEachReply = Flag(tm, "restart_fr_on_each_reply"),
        RuriMatching = Flag(tm, "ruri_matching"),
        Via1Matching = Flag(tm, "via1_matching"),
        UnixTxTimeout = TimeSpan.FromSeconds(tm.GetInt("unix_tx_timeout")),
        PassProvisionalReplies = Flag(tm, "pass_provisional_replies"),
        SynBranch = Flag(tm, "syn_branch"),
        TwAppend = tm.GetString("tw_append"),
        FrTimerAvp = tm.GetString("fr_timer_avp"),
        FrInvTimerAvp = tm.GetString("fr_inv_timer_avp"),
        OnReplyAvpMode = tm.GetInt("onreply_avp_mode"),
        Managers = tm.GetInt("managers"),
    };

    private static RoutingSettings ReadRouting(Config routing)
    {
        if (routing.GetValue("routes").GetArray().Any(r => !r.IsEmpty))
            throw new InvalidOperationException("node.conf defines routes by default: read them here as src/Node/Settings/RoutingSection.cs does");

        var noAnswer = routing.GetString("no-answer-uri");
        return new RoutingSettings
        {
            Routes = [],
            DefaultDestinations = routing.GetStringList("default-destinations").Select(SipUri.Parse).ToList(),
            NoAnswerUri = noAnswer.Length == 0 ? null : SipUri.Parse(noAnswer),
            RecordRoute = Flag(routing, "record-route"),
            Script = routing.GetString("script"),
        };
    }

    private static TransportSettings ReadTransport(Config sip)
    {
        var advertised = sip.GetString("advertised-address");
        var threads = sip.GetInt("udp-receive-threads");
        var backlog = sip.GetInt("udp-overload-backlog");
        return new TransportSettings
        {
            Listen = sip.GetStringList("listen").Select(Listener).ToList(),
            AdvertisedAddress = advertised.Length == 0 ? null : IPAddress.Parse(advertised),
            MaxMessageSize = sip.GetInt("max-message-size"),
            MaxTcpConnectionsPerSource = sip.GetInt("tcp-max-connections-per-source"),
            MaxTcpConnections = sip.GetInt("tcp-max-connections"),
            TcpIdleTimeout = sip.GetTimeSpan("tcp-idle-timeout"),
            TcpConnectTimeout = sip.GetTimeSpan("tcp-connect-timeout"),
            TcpSendTimeout = sip.GetTimeSpan("tcp-send-timeout"),
            TcpMessageReadTimeout = sip.GetTimeSpan("tcp-message-read-timeout"),
            UdpMtu = sip.GetInt("udp-mtu"),
            Pike = ReadPike(sip.GetConfig("pike")),
            Tls = ReadTls(sip.GetConfig("tls")),
            UdpReceiveBufferSize = sip.GetInt("udp-receive-buffer-size"),
            UdpReceiveLoops = threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount / 2),
            UdpOverload = backlog > 0 ? new UdpOverloadSettings(backlog, sip.GetTimeSpan("udp-overload-after")) : null,
        };
    }

    private static PikeSettings ReadPike(Config pike) => new()
    {
        Enabled = Flag(pike, "enabled"),
        Requests = pike.GetInt("requests"),
        Period = pike.GetTimeSpan("period"),
        BlockTime = pike.GetTimeSpan("block-time"),
        UdpAction = Enum.Parse<PikeUdpAction>(pike.GetString("udp-action"), ignoreCase: true),
        TrustedNetworks = pike.GetStringList("trusted-networks").Select(n => IPNetwork.Parse(n)).ToList(),
        ExemptLoopback = Flag(pike, "exempt-loopback"),
    };

    /// <summary>node.conf names no certificate or CA file by default: a test that needs them sets them (<see cref="TestCertificates"/>).</summary>
    private static TlsSettings ReadTls(Config tls)
    {
        if (tls.GetString("certificate").Length > 0 || tls.GetString("ca-file").Length > 0)
            throw new InvalidOperationException("node.conf names TLS files by default: read them here as src/Node/Settings/TlsSection.cs does");

        return new TlsSettings
        {
            Identity = null,
            TrustedAuthorities = null,
            VerifyClient = Flag(tls, "verify-client"),
            VerifyServer = Flag(tls, "verify-server"),
            HandshakeTimeout = tls.GetTimeSpan("handshake-timeout"),
        };
    }

    /// <summary>"udp:127.0.0.1:5060" (node.conf's default listeners are IPv4 literals).</summary>
    private static SipEndPoint Listener(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var protocol = Enum.Parse<SipProtocol>(text[..colon], ignoreCase: true);
        return new SipEndPoint(protocol, IPEndPoint.Parse(text[(colon + 1)..]));
    }

    private static bool Flag(Config section, string key) => section.GetString(key).Trim().ToLowerInvariant() is "1" or "on" or "true" or "yes";
}
