namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>The timer messages of the transaction actors (RFC 3261 17 letters, plus fr/wt/delete of the tm module).</summary>
internal static class TransactionTimers
{
    public static readonly TimerFired A = new("A");
    public static readonly TimerFired B = new("B");
    public static readonly TimerFired D = new("D");
    public static readonly TimerFired E = new("E");
    public static readonly TimerFired F = new("F");
    public static readonly TimerFired G = new("G");
    public static readonly TimerFired H = new("H");
    public static readonly TimerFired I = new("I");
    public static readonly TimerFired J = new("J");
    public static readonly TimerFired K = new("K");
    public static readonly TimerFired Fr = new("fr");
    public static readonly TimerFired Wait = new("wt");
    public static readonly TimerFired Delete = new("delete");

    /// <summary>Timer D: at least 32 s for unreliable transports, 0 for reliable ones (RFC 3261 17.1.1.2).</summary>
    public static readonly TimeSpan TimerDUnreliable = TimeSpan.FromSeconds(32);
}
