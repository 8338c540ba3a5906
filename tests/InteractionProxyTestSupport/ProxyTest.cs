using Akka.Actor;
using ClusterSip.CallEvents;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests.Support;

/// <summary>A single-member cluster running the proxy, fed by one <see cref="FakeCallstore"/> group.</summary>
public abstract class ProxyTest(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(ProxyNode.Config, "iproxy", output), IAsyncLifetime
{
    protected IActorRef Callstore { get; private set; } = ActorRefs.Nobody;

    protected ProxyNode Node { get; private set; } = null!;

    protected virtual ProxySettings Settings => ProxyNode.Settings();

    public async Task InitializeAsync()
    {
        Callstore = Sys.ActorOf(FakeCallstore.Props(group: 1), "callstore");
        Node = await ProxyNode.StartAsync(Sys, new CallstoreGroups([Callstore]), Settings);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>The callstore accepts and publishes the events, in order.</summary>
    protected async Task PublishAsync(params CallEvent[] events)
    {
        foreach (var e in events) await Callstore.Ask<long>(e, ProxyNode.Bound);
    }

    protected Task<ProxyClient> ConnectAsync() => ProxyClient.ConnectAsync(Node.EndPoint);
}
