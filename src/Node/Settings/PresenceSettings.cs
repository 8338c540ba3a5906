using System.Net.Sockets;
using ClusterSip.Node.Configuration;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.presence_b2b (the seed module's parameters) and cluster-sip.presence (the presence agent).</summary>
public sealed record PresenceSettings(PresenceB2bSettings B2b, PresenceAgentSettings Agent)
{
    private const string B2bSection = "cluster-sip.presence_b2b";
    private const string AgentSection = "cluster-sip.presence";
    private const string RegistrarDomains = "cluster-sip.registrar.domains";

    private static readonly Dictionary<string, WatcherPolicy> Policies = new()
    {
        ["allow-all"] = WatcherPolicy.AllowAll,
        ["same-domain"] = WatcherPolicy.SameDomain,
    };

    public static PresenceSettings Read(SettingsReader reader, SipSettings sip)
    {
        var contact = LocalContact(sip);
        var b2b = new PresenceB2bSettings(
            DefaultExpiration: reader.Int($"{B2bSection}.default_expiration", 1, int.MaxValue),
            OnErrorRetryTime: Seconds(reader, $"{B2bSection}.on_error_retry_time", 1),
            PresenceRoute: Optional(reader, $"{B2bSection}.presence_route", NameAddress.Parse, "a Route value such as \"<sip:proxy.example.com;lr>\""),
            AdditionalPresenceHeaders: Headers(reader, $"{B2bSection}.additional_presence_headers"),
            WaitForTermNotify: Seconds(reader, $"{B2bSection}.wait_for_term_notify", 0),
            ResubscribeDelta: Seconds(reader, $"{B2bSection}.resubscribe_delta", 0),
            MinResubscribeTime: Seconds(reader, $"{B2bSection}.min_resubscribe_time", 0),
            HandlePresenceSubscriptions: reader.Flag($"{B2bSection}.handle_presence_subscriptions"),
            PresenceOutboundProxy: Optional(reader, $"{B2bSection}.presence_outbound_proxy", AnyUri.Parse, "a URI such as \"sip:proxy.example.com:5060\""),
            MaxSubscribeDelay: Seconds(reader, $"{B2bSection}.max_subscribe_delay", 0),
            LocalContact: contact,
            StartingSubscriptions: reader.Int($"{B2bSection}.starting-subscriptions", 1, int.MaxValue));

        var minExpires = reader.Int($"{AgentSection}.min-expires", 1, int.MaxValue);
        var agent = new PresenceAgentSettings(
            Domains(reader),
            reader.Choice($"{AgentSection}.policy", Policies),
            reader.Flag($"{AgentSection}.accept_internal_subscriptions"),
            DefaultExpires: reader.Int($"{AgentSection}.default-expires", minExpires, int.MaxValue),
            MinExpires: minExpires,
            MaxExpires: reader.Int($"{AgentSection}.max-expires", minExpires, int.MaxValue),
            AnswerTimeout: reader.Duration($"{AgentSection}.answer-timeout"),
            LocalContact: contact);
        return new PresenceSettings(b2b, agent);
    }

    /// <summary>Where NOTIFYs for the B2B UA and in-dialog requests for the agent come: the first listener, as advertised.</summary>
    private static AnyUri LocalContact(SipSettings sip)
    {
        var first = sip.Listen.FirstOrDefault();
        var address = sip.Transport.AdvertisedAddress ?? first?.EndPoint.Address ?? System.Net.IPAddress.Loopback;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var port = first?.EndPoint.Port ?? 5060;
        return AnyUri.Parse(first?.Transport is SipProtocol.Tcp or SipProtocol.Tls
            ? $"sip:{host}:{port};transport={first.Transport.ToString().ToLowerInvariant()}"
            : $"sip:{host}:{port}");
    }

    private static IReadOnlyList<string> Domains(SettingsReader reader)
    {
        var domains = reader.StringList($"{AgentSection}.domains");
        if (domains.Count == 0 && reader.Config.HasPath(RegistrarDomains))
        {
            domains = reader.StringList(RegistrarDomains);
        }

        return domains.Select(d => d.ToLowerInvariant()).ToList();
    }

    private static TimeSpan Seconds(SettingsReader reader, string path, int min) =>
        TimeSpan.FromSeconds(reader.Int(path, min, int.MaxValue));

    private static T? Optional<T>(SettingsReader reader, string path, Func<string, T> parse, string expected)
        where T : class
    {
        var text = reader.String(path).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (ClusterSip.Sip.SipParseException e)
        {
            throw reader.Invalid(path, $"must be {expected} or \"\" ({e.Reason})");
        }
    }

    /// <summary>"Name: value" lines separated by CRLF or LF, as the seed's module appends them.</summary>
    private static IReadOnlyList<SipHeader> Headers(SettingsReader reader, string path)
    {
        var headers = new List<SipHeader>();
        foreach (var line in reader.String(path).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
        {
            var colon = line.IndexOf(':');
            var name = colon > 0 ? line[..colon].Trim() : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "-.!%*_+`'~".Contains(c)))
            {
                throw reader.Invalid(path, $"\"{line}\" is not a header line \"Name: value\"");
            }

            headers.Add(new SipHeader(name, line[(colon + 1)..].Trim()));
        }

        return headers;
    }
}
