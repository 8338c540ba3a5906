using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ClusterSip.CallEvents;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Tests.Support;
using static ClusterSip.Dialogs.DialogInputReader;

namespace ClusterSip.Dialogs.Tests;

/// <summary>
/// Dialogs made as the request hook makes them: created on the thread routing the INVITE (<see cref="DialogNode.Create"/>),
/// children of the node's manager all the same, and told their inputs directly from whichever thread sees them.
/// </summary>
public sealed class DialogNodeTests() : TestKit(ConfigurationFactory.ParseString("""
    akka.actor.provider = remote
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    akka.loglevel = WARNING
    """))
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Inputs_told_from_other_threads_right_after_the_creation_all_arrive_in_order()
    {
        var (node, events) = Start();
        const int calls = 200;

        // Each call created here, its inputs told at once from a pool thread, the way a transaction's callbacks follow
        // the hook; a dialog created later than told (or told through another mailbox) would lose or reorder events.
        var tellers = Enumerable.Range(0, calls).Select(i =>
        {
            var dialog = node.Create(Calls.Start(InteractionIds.New(node.Address))).Actor;
            return Task.Run(() =>
            {
                dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
                dialog.Tell(Response(1, CallMessages.Response(180, "b1", "x")));
                dialog.Tell(Response(1, CallMessages.Response(200, "b1", "x")));
                dialog.Tell(new FinalResponseSent(200));
                dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160)));
            });
        }).ToList();
        await Task.WhenAll(tellers);

        // Awaited, not ExpectMsg: a thousand blocking waits on a pool thread starved the other tests' actors of threads.
        var received = new List<CallEvent>();
        while (received.Count < calls * 5)
        {
            received.Add(await events.ExpectMsgAsync<CallEvent>(Bound));
        }

        Assert.All(received.GroupBy(e => e.CallId), call => Assert.Equal(
            ["CallInitiated:1", "CallForked:2", "CallRinging:3", "CallAnswered:4", "CallReleased:5"],
            call.Select(e => $"{e.Type}:{e.Sequence}")));
        Assert.Equal(calls, received.Select(e => e.CallId).Distinct().Count());
    }

    [Fact]
    public void A_dialog_created_outside_the_manager_is_under_it_registered_at_once_and_stopped_with_it()
    {
        var (node, events) = Start();
        var id = InteractionIds.New(node.Address);

        var dialog = node.Create(Calls.Start(id));

        Assert.Same(dialog, node.Registry.Find(id));
        Assert.Equal((node.Manager.Path, id), (dialog.Actor.Path.Parent.Parent, dialog.Actor.Path.Name));
        events.ExpectMsg<CallInitiated>(Bound);
        Watch(dialog.Actor);
        Sys.Stop(node.Manager);
        ExpectTerminated(dialog.Actor, Bound);
        AwaitCondition(() => node.Registry.Find(id) is null, Bound);
    }

    [Fact]
    public void A_dialog_that_fails_is_stopped_by_its_parent_not_restarted()
    {
        var (node, events) = Start(new FailingRouteEvents());
        var id = InteractionIds.New(node.Address);
        var dialog = Watch(node.Create(Calls.Start(id)).Actor);
        events.ExpectMsg<CallInitiated>(Bound);

        dialog.Tell(Response(1, CallMessages.Response(200, "b1", id))); // its change of state fails to be published

        ExpectTerminated(dialog, Bound);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // a restarted dialog would begin the call again: CallInitiated
        Assert.Null(node.Registry.Find(id));
    }

    [Fact]
    public void A_dialog_created_while_the_node_stops_is_refused_and_leaves_nothing_registered()
    {
        var (node, _) = Start();
        Watch(node.Manager);
        Sys.Stop(node.Manager);
        ExpectTerminated(node.Manager, Bound);
        var id = InteractionIds.New(node.Address);

        Assert.Throws<InvalidOperationException>(() => node.Create(Calls.Start(id)));
        Assert.Null(node.Registry.Find(id));
        Assert.Empty(node.Registry.All());
    }

    [Fact]
    public void A_call_id_of_this_node_told_anywhere_reaches_its_dialog()
    {
        var (node, events) = Start();
        var id = InteractionIds.New(node.Address);
        var dialog = node.Create(Calls.Start(id)).Actor;
        dialog.Tell(Response(1, CallMessages.Response(200, "b1", id)));

        node.TellAnywhere(id, new EndDialog("dtmf"));

        Assert.Equal(["CallInitiated", "CallAnswered:1", "CallReleased:System:200:dtmf"],
            Calls.Describe(Enumerable.Range(0, 3).Select(_ => events.ExpectMsg<CallEvent>(Bound))));
    }

    private (DialogNode Node, Akka.TestKit.TestProbe Events) Start(IRouteEventPublisher? routeEvents = null)
    {
        var events = CreateTestProbe();
        var node = DialogNode.Start(Sys, new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            Sys.ActorOf(TestSink.Props(events)), new DialogStatistics(), routeEvents ?? new ProbeRouteEvents(CreateTestProbe()));
        return (node, events);
    }

    private sealed class FailingRouteEvents : IRouteEventPublisher
    {
        public void Publish(RouteEvent routeEvent) => throw new InvalidOperationException("a route event subscriber failed");
    }
}
