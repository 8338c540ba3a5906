using System.Net;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>How next hops are looked up in DNS (RFC 3263).</summary>
/// <param name="Servers">Name servers to ask; empty means the machine's own resolvers.</param>
/// <param name="Timeout">How long one query may take before it is retried or given up.</param>
/// <param name="Retries">How many times a query that timed out is sent again.</param>
public sealed record DnsSettings(IReadOnlyList<IPEndPoint> Servers, TimeSpan Timeout, int Retries);
