namespace ClusterSip.Sip.Stack.Transport;

/// <summary>A connection to send on (and whether it was already open), or why there is none.</summary>
internal readonly record struct ConnectOutcome(TcpConnection? Connection, bool Reused, string? Error);
