using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>The addresses of a branch's next hop, resolved asynchronously and piped back to the transaction actor.</summary>
internal sealed record BranchResolved(int BranchIndex, IReadOnlyList<SipEndPoint> Destinations);
