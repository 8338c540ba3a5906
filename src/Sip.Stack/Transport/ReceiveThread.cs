namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Marks the transports' own receive threads, on which the transaction dispatcher runs actors inline unless the
/// thread's <see cref="ReceiveLoad"/> says it would fall behind.
/// </summary>
public static class ReceiveThread
{
    [ThreadStatic]
    private static bool _current;

    [ThreadStatic]
    private static bool _offloading;

    public static bool MayRunInline => _current && !_offloading;

    internal static void MarkCurrent() => _current = true;

    internal static void SetOffloading(bool offloading) => _offloading = offloading;
}
