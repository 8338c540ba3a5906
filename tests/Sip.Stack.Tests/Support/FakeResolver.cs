using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Tests.Support;

/// <summary>Resolves listed host names to fixed address lists (as RFC 3263 SRV would), IP literals as usual.</summary>
public sealed class FakeResolver(IReadOnlyDictionary<string, IReadOnlyList<SipEndPoint>> hosts) : ITargetResolver
{
    public ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(hosts.TryGetValue(uri.Host, out var list) ? list : IpLiteralTargetResolver.Resolve(uri));
}
