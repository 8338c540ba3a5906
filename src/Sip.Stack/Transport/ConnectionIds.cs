namespace ClusterSip.Sip.Stack.Transport;

/// <summary>Ids of UDP sockets and TCP connections (<see cref="InboundMessage.ConnectionId"/>); never 0, never reused.</summary>
internal static class ConnectionIds
{
    private static long _last;

    public static long Next() => Interlocked.Increment(ref _last);
}
