using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// A target of the next t_relay: its URI, branch flags, the Path it was registered along (RFC 3327), if any, and its
/// own next hop ($du) when it is not to be reached by resolving its URI.
/// </summary>
internal sealed record BranchTarget(AnyUri Uri, ulong Flags, IReadOnlyList<NameAddress> Path, SipUri? Destination = null);
