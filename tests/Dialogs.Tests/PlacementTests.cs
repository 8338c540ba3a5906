using Akka.Actor;
using Akka.Configuration;
using ClusterSip.CallEvents;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Tests.Support;
using static ClusterSip.Dialogs.DialogInputReader;

namespace ClusterSip.Dialogs.Tests;

/// <summary>Two nodes (ActorSystems with remoting) in one process: a dialog lives on the node that took its INVITE and is found from the other.</summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly Config Remoting = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.loglevel = WARNING
        """);

    private ActorSystem _a = null!;
    private ActorSystem _b = null!;
    private DialogNode _nodeA = null!;
    private readonly List<CallEvent> _eventsOnA = [];

    public Task InitializeAsync()
    {
        _a = ActorSystem.Create("cluster-sip", Remoting);
        _b = ActorSystem.Create("cluster-sip", Remoting);
        _nodeA = Start(_a, _a.ActorOf(Props.Create(() => new Collector(_eventsOnA))));
        Start(_b, ActorRefs.Nobody);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.Terminate();
        await _b.Terminate();
    }

    [Fact]
    public async Task A_dialog_created_on_A_is_found_and_ended_from_B()
    {
        var addressA = ((ExtendedActorSystem)_a).Provider.DefaultAddress;
        var id = InteractionIds.New(addressA);
        var managerA = DialogLocator.ManagerOf(_a, id)!;
        _nodeA.Create(DialogInputReader.Start(CallMessages.Invite(), id, _nodeA.Name));
        managerA.Tell(new DialogEnvelope(id, new BranchRelayed(1, "sip:bob@192.0.2.4:5060")));
        managerA.Tell(new DialogEnvelope(id, Response(1, CallMessages.Response(200, "b1", id))));

        var fromB = DialogLocator.ManagerOf(_b, id)!;
        Assert.Equal(addressA, fromB.Anchor.Path.Address);
        var summary = await Eventually(() => fromB.Ask<object>(new DialogEnvelope(id, GetDialog.Instance), Bound), r => r is DialogDetails { Summary.State: DialogState.Confirmed });
        Assert.Equal(new CallParty("Alice", "sip:alice@example.com"), ((DialogDetails)summary).Summary.From);

        var ended = await fromB.Ask<object>(new DialogEnvelope(id, new EndDialog("admin")), Bound);

        Assert.Equal(new EndResult(true, DialogState.Terminated), ended);
        await Eventually(() => Task.FromResult<object>(Released()), r => r is "System:200:admin");
        Assert.IsType<DialogNotFound>(await Eventually(() => fromB.Ask<object>(new DialogEnvelope(id, GetDialog.Instance), Bound), r => r is DialogNotFound));
    }

    [Fact]
    public async Task An_unknown_call_is_not_found_from_either_node()
    {
        var id = InteractionIds.New(((ExtendedActorSystem)_a).Provider.DefaultAddress);

        Assert.Equal(new DialogNotFound(id), await DialogLocator.ManagerOf(_b, id)!.Ask<object>(new DialogEnvelope(id, GetDialog.Instance), Bound));
        Assert.Equal(new DialogNotFound(id), await DialogLocator.ManagerOf(_a, id)!.Ask<object>(new DialogEnvelope(id, new EndDialog("admin")), Bound));
        Assert.Null(DialogLocator.ManagerOf(_b, "not-an-interaction-id"));
    }

    [Fact]
    public async Task Each_node_lists_its_own_dialogs()
    {
        var addressA = ((ExtendedActorSystem)_a).Provider.DefaultAddress;
        var id = InteractionIds.New(addressA);
        _nodeA.Create(DialogInputReader.Start(CallMessages.Invite(), id, _nodeA.Name));

        var onA = await Eventually(() => _b.ActorSelection(new RootActorPath(addressA) / "user" / DialogManager.Name).Ask<object>(ListDialogs.Instance, Bound),
            r => r is DialogList { Dialogs.Count: 1 });

        Assert.Equal(id, ((DialogList)onA).Dialogs[0].CallId);
        Assert.Empty(((DialogList)await _b.ActorSelection("/user/" + DialogManager.Name).Ask<object>(ListDialogs.Instance, Bound)).Dialogs);
    }

    private static DialogNode Start(ActorSystem system, IActorRef eventSink) => DialogNode.Start(system,
        new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
        eventSink,
        new DialogStatistics(),
        new ProbeRouteEvents(ActorRefs.Nobody));

    private string Released()
    {
        lock (_eventsOnA)
        {
            return _eventsOnA.OfType<CallReleased>().Select(r => $"{r.By}:{r.StatusCode}:{r.Reason}").FirstOrDefault() ?? "";
        }
    }

    private static async Task<object> Eventually(Func<Task<object>> get, Func<object, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var value = await get();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(value), $"still {value} after {Bound}");
                return value;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Keeps and acknowledges every call event.</summary>
    private sealed class Collector : ReceiveActor
    {
        public Collector(List<CallEvent> into) => Receive<CallEvent>(e =>
        {
            lock (into)
            {
                into.Add(e);
            }

            Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
        });
    }
}
