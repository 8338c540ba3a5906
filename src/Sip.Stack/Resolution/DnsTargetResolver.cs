using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;
using DnsClient;
using DnsClient.Protocol;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>
/// Resolves a next hop per RFC 3263 4: transport from the URI, else NAPTR, else SRV per transport, else UDP; then
/// SRV targets in RFC 2782 order, else A/AAAA with the default port. Every address of every target is returned in
/// order, so the transaction layer can fail over along the list (RFC 3263 4.3). Only UDP and TCP are served:
/// a sips URI (TLS) resolves to nothing.
/// </summary>
public sealed class DnsTargetResolver : ITargetResolver
{
    private const int DefaultPort = IpLiteralTargetResolver.DefaultPort;

    private static readonly (string Service, SipProtocol Protocol)[] NaptrServices = [("SIP+D2U", SipProtocol.Udp), ("SIP+D2T", SipProtocol.Tcp)];

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
        if (uri.IsSecure)
        {
            return [];
        }

        var host = (uri.Maddr ?? uri.Host).Trim('[', ']');
        if (IPAddress.TryParse(host, out _))
        {
            return IpLiteralTargetResolver.Resolve(uri);
        }

        SipProtocol? transport = uri.Transport?.ToLowerInvariant() switch
        {
            null => null,
            "udp" => SipProtocol.Udp,
            "tcp" => SipProtocol.Tcp,
            _ => (SipProtocol?)(-1),
        };
        if (transport == (SipProtocol)(-1))
        {
            return [];
        }

        if (uri.Port is { } port)
        {
            return await AddressesAsync(host, port, transport ?? SipProtocol.Udp, cancellationToken);
        }

        var srvTargets = transport is { } chosen
            ? await SrvAsync(SrvName(chosen, host), chosen, cancellationToken)
            : await NaptrAsync(host, cancellationToken) is { Count: > 0 } viaNaptr
                ? viaNaptr
                : [.. await SrvAsync(SrvName(SipProtocol.Udp, host), SipProtocol.Udp, cancellationToken),
                   .. await SrvAsync(SrvName(SipProtocol.Tcp, host), SipProtocol.Tcp, cancellationToken)];

        return srvTargets.Count > 0
            ? srvTargets
            : await AddressesAsync(host, DefaultPort, transport ?? SipProtocol.Udp, cancellationToken);
    }

    private static string SrvName(SipProtocol protocol, string host) =>
        protocol == SipProtocol.Udp ? $"_sip._udp.{host}" : $"_sip._tcp.{host}";

    private async Task<IReadOnlyList<SipEndPoint>> NaptrAsync(string host, CancellationToken cancellationToken)
    {
        var response = await _dns.QueryAsync(host, QueryType.NAPTR, cancellationToken: cancellationToken);
        var usable = response.Answers.OfType<NAPtrRecord>()
            .Where(r => string.Equals(r.Flags, "s", StringComparison.OrdinalIgnoreCase))
            .Select(r => (Record: r, Protocol: ProtocolOf(r.Services)))
            .Where(r => r.Protocol is not null)
            .OrderBy(r => r.Record.Order)
            .ThenBy(r => r.Record.Preference);

        var endPoints = new List<SipEndPoint>();
        foreach (var (record, protocol) in usable)
        {
            endPoints.AddRange(await SrvAsync(record.Replacement.Value.TrimEnd('.'), protocol!.Value, cancellationToken));
        }

        return endPoints;
    }

    private static SipProtocol? ProtocolOf(string service) =>
        NaptrServices.Where(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase)).Select(s => (SipProtocol?)s.Protocol).FirstOrDefault();

    private async Task<IReadOnlyList<SipEndPoint>> SrvAsync(string name, SipProtocol protocol, CancellationToken cancellationToken)
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

            endPoints.AddRange(await AddressesAsync(target, srv.Port, protocol, cancellationToken));
        }

        return endPoints;
    }

    private async Task<IReadOnlyList<SipEndPoint>> AddressesAsync(string host, int port, SipProtocol protocol, CancellationToken cancellationToken)
    {
        var v4 = await _dns.QueryAsync(host, QueryType.A, cancellationToken: cancellationToken);
        var v6 = await _dns.QueryAsync(host, QueryType.AAAA, cancellationToken: cancellationToken);
        return v4.Answers.ARecords().Select(r => r.Address)
            .Concat(v6.Answers.AaaaRecords().Select(r => r.Address))
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new SipEndPoint(protocol, new IPEndPoint(a, port)))
            .ToList();
    }
}
