namespace ClusterSip.InteractionProxy.Tests.Support;

/// <summary>Polls a condition within a generous bound; fails naming what never happened.</summary>
public static class Until
{
    public static async Task True(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + ProxyNode.Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"waited {ProxyNode.Bound.TotalSeconds} s in vain for {what}");
            await Task.Delay(50);
        }
    }
}
