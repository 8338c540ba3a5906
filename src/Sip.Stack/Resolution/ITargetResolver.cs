using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>
/// Resolves the URI of a next hop to the transport addresses to try, in order (RFC 3263 4). The transaction layer
/// fails over to the next one on a transport error, a 503 or a timeout, unless relay flag 0x04 is set.
/// </summary>
public interface ITargetResolver
{
    /// <summary>The ordered destinations; empty when the URI cannot be resolved.</summary>
    ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default);
}
