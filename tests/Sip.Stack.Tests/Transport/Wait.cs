namespace ClusterSip.Sip.Stack.Tests.Transport;

internal static class Wait
{
    /// <summary>How long a test waits for something that should happen at once; generous for loaded CI machines.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
}
