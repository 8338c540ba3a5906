using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>A source the pike blocks now, and until when.</summary>
public sealed record BlockedSource(IPAddress Address, DateTimeOffset Until);
