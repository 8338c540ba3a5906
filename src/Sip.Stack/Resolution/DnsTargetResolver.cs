using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;
using DnsClient;
using DnsClient.Protocol;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>
/// Resolves a next hop per RFC 3263 4: transport from the URI, else NAPTR, else SRV per transport, else UDP (TLS for
/// a sips URI, which only ever resolves to TLS); then SRV targets in RFC 2782 order, else A/AAAA with the default
/// port (5061 for TLS). Every address of every target is returned in order, so the transaction layer can fail over
/// along the list (RFC 3263 4.3). A TLS destination carries the URI's host as the name its certificate must hold (RFC 5922 7.2).
/// </summary>
public sealed class DnsTargetResolver : ITargetResolver
{
    private static readonly (string Service, SipProtocol Protocol)[] NaptrServices =
        [("SIP+D2U", SipProtocol.Udp), ("SIP+D2T", SipProtocol.Tcp), ("SIPS+D2T", SipProtocol.Tls)];

    private readonly ILookupClient _dns;

    public DnsTargetResolver(DnsSettings settings)
    {
        var options = settings.Servers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(settings.Servers.Select(s => new NameServer(s)).ToArray());
        options.Timeout = settings.Timeout;
        options.Retries = settings.Retries;
        options.UseCache = true;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = true;
        _dns = new LookupClient(options);
    }

    public async ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default)
    {
        var host = (uri.Maddr ?? uri.Host).Trim('[', ']');
        if (IPAddress.TryParse(host, out _))
        {
            return IpLiteralTargetResolver.Resolve(uri);
        }

        // RFC 7118 defines no DNS procedure for WebSocket: its peers are reached over the connections they opened.
        if (IpLiteralTargetResolver.ProtocolOf(uri) is not { } named || named is SipProtocol.Ws or SipProtocol.Wss)
        {
            return [];
        }

        // The URI names a transport when it has a transport parameter; a sips URI names TLS.
        SipProtocol? transport = uri.Transport is not null || uri.IsSecure ? named : null;
        var domain = new Domain(host, uri.IsSecure);
        if (uri.Port is { } port)
        {
            return await AddressesAsync(host, port, transport ?? SipProtocol.Udp, domain, cancellationToken);
        }

        var srvTargets = transport is { } chosen
            ? await SrvAsync(SrvName(chosen, host), chosen, domain, cancellationToken)
            : await NaptrAsync(domain, cancellationToken) is { Count: > 0 } viaNaptr
                ? viaNaptr
                : [.. await SrvAsync(SrvName(SipProtocol.Udp, host), SipProtocol.Udp, domain, cancellationToken),
                   .. await SrvAsync(SrvName(SipProtocol.Tcp, host), SipProtocol.Tcp, domain, cancellationToken)];

        var fallback = transport ?? SipProtocol.Udp;
        return srvTargets.Count > 0
            ? srvTargets
            : await AddressesAsync(host, IpLiteralTargetResolver.DefaultPortOf(fallback), fallback, domain, cancellationToken);
    }

    private static string SrvName(SipProtocol protocol, string host) => protocol switch
    {
        SipProtocol.Udp => $"_sip._udp.{host}",
        SipProtocol.Tcp => $"_sip._tcp.{host}",
        _ => $"_sips._tcp.{host}",
    };

    /// <summary>RFC 3263 4.1: for a sips URI only the TLS service of a NAPTR record is usable.</summary>
    private async Task<IReadOnlyList<SipEndPoint>> NaptrAsync(Domain domain, CancellationToken cancellationToken)
    {
        var host = domain.Host;
        var response = await _dns.QueryAsync(host, QueryType.NAPTR, cancellationToken: cancellationToken);
        var usable = response.Answers.OfType<NAPtrRecord>()
            .Where(r => string.Equals(r.Flags, "s", StringComparison.OrdinalIgnoreCase))
            .Select(r => (Record: r, Protocol: ProtocolOf(r.Services)))
            .Where(r => r.Protocol is { } p && (!domain.Secure || p == SipProtocol.Tls))
            .OrderBy(r => r.Record.Order)
            .ThenBy(r => r.Record.Preference);

        var endPoints = new List<SipEndPoint>();
        foreach (var (record, protocol) in usable)
        {
            endPoints.AddRange(await SrvAsync(record.Replacement.Value.TrimEnd('.'), protocol!.Value, domain, cancellationToken));
        }

        return endPoints;
    }

    private static SipProtocol? ProtocolOf(string service) =>
        NaptrServices.Where(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase)).Select(s => (SipProtocol?)s.Protocol).FirstOrDefault();

    private async Task<IReadOnlyList<SipEndPoint>> SrvAsync(string name, SipProtocol protocol, Domain domain, CancellationToken cancellationToken)
    {
        var response = await _dns.QueryAsync(name, QueryType.SRV, cancellationToken: cancellationToken);
        var endPoints = new List<SipEndPoint>();
        foreach (var srv in SrvOrdering.Order(response.Answers.SrvRecords(), Random.Shared))
        {
            var target = srv.Target.Value.TrimEnd('.');
            if (target.Length == 0)
            {
                continue; // "." means the service is decidedly not available at this domain
            }

            endPoints.AddRange(await AddressesAsync(target, srv.Port, protocol, domain, cancellationToken));
        }

        return endPoints;
    }

    private async Task<IReadOnlyList<SipEndPoint>> AddressesAsync(string host, int port, SipProtocol protocol, Domain domain, CancellationToken cancellationToken)
    {
        var v4 = await _dns.QueryAsync(host, QueryType.A, cancellationToken: cancellationToken);
        var v6 = await _dns.QueryAsync(host, QueryType.AAAA, cancellationToken: cancellationToken);
        return v4.Answers.ARecords().Select(r => r.Address)
            .Concat(v6.Answers.AaaaRecords().Select(r => r.Address))
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new SipEndPoint(protocol, new IPEndPoint(a, port)) { ServerName = protocol == SipProtocol.Tls ? domain.Host : null })
            .ToList();
    }

    /// <summary>The host of the URI being resolved, and whether it was a sips URI.</summary>
    private readonly record struct Domain(string Host, bool Secure);
}
