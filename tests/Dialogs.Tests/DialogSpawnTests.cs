using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using Akka.TestKit.Xunit2;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Tests.Support;

namespace ClusterSip.Dialogs.Tests;

/// <summary>
/// The dialogs and their parents are created without <c>ActorOf</c>'s walk of the deployment configuration (a
/// <c>ChildSpawner</c>), from outside the manager: a deployment that names them would make each one fail, so a
/// creation that looked it up again would create none here.
/// </summary>
public sealed class DialogSpawnTests() : TestKit(ConfigurationFactory.ParseString($"""
    akka.actor.deployment."/dialogs/*".mailbox = failing-mailbox
    akka.actor.deployment."/dialogs/*/*".mailbox = failing-mailbox
    failing-mailbox.mailbox-type = "{typeof(FailingMailbox).AssemblyQualifiedName}"
    """))
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_dialog_created_as_the_request_hook_creates_it_has_the_small_mailbox_the_transactions_dispatcher_and_no_deployment_lookup()
    {
        var sink = CreateTestProbe();
        var node = Start(sink);

        var dialog = node.Create(Calls.Start("h1-6e")).Actor;

        Assert.Equal("CallInitiated", sink.ExpectMsg<CallEvents.CallEvent>(Bound).Type);
        Assert.IsType<SmallMailbox.MessageQueue>(((LocalActorRef)dialog).Cell.Mailbox!.MessageQueue);
        Assert.Equal(TransactionDispatcher.Id, ((LocalActorRef)dialog).Cell.Dispatcher.Id);
    }

    [Fact]
    public void The_dialogs_are_spread_over_the_parents_under_the_manager()
    {
        var node = Start(CreateTestProbe());

        var parents = Enumerable.Range(0, DialogParents.Count * 2).Select(i => node.Create(Calls.Start($"p{i}-6e")).Actor.Path.Parent).ToList();

        Assert.All(parents, p => Assert.Equal(node.Manager.Path, p.Parent));
        Assert.Equal(DialogParents.Count, parents.Distinct().Count());
    }

    private DialogNode Start(IActorRef sink) =>
        DialogNode.Start(Sys, new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            sink, new DialogStatistics(), new ProbeRouteEvents(CreateTestProbe()));

    private sealed class FailingMailbox(Settings settings, Config config) : MailboxType(settings, config)
    {
        public override IMessageQueue Create(IActorRef owner, ActorSystem system) => throw new InvalidOperationException("a deployment was looked up");
    }
}
