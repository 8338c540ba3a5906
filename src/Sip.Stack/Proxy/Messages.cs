using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The addresses of a branch's next hop, resolved asynchronously and piped back to the transaction actor; an empty
/// list with <paramref name="Error"/> when the lookup failed.
/// </summary>
internal sealed record BranchResolved(int BranchIndex, IReadOnlyList<SipEndPoint> Destinations, Exception? Error = null);
