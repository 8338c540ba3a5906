using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using Akka.TestKit.Xunit2;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Tests.Support;

namespace ClusterSip.Dialogs.Tests;

/// <summary>
/// The dialogs are created without <c>ActorOf</c>'s walk of the deployment configuration (a <c>ChildSpawner</c>), by
/// the manager or from outside it: a deployment that names the dialogs would make each one fail, so a creation that
/// looked it up again would create none here.
/// </summary>
public sealed class DialogSpawnTests() : TestKit(ConfigurationFactory.ParseString($"""
    akka.actor.deployment."/dialogs/*".mailbox = failing-mailbox
    failing-mailbox.mailbox-type = "{typeof(FailingMailbox).AssemblyQualifiedName}"
    """))
{
    [Fact]
    public void Each_dialog_is_a_child_of_the_manager_made_without_a_deployment_lookup()
    {
        var sink = CreateTestProbe();
        var manager = Sys.ActorOf(DialogManager.Props(new DialogServices(
            new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            sink, CreateTestProbe(), new DialogStatistics(), new DialogRegistry(), new ProbeRouteEvents(CreateTestProbe()))), DialogManager.Name);

        manager.Tell(new CreateDialog(Calls.Start("c1-6e")));
        manager.Tell(new DialogEnvelope("c1-6e", GetDialog.Instance));

        Assert.Equal("c1-6e", ExpectMsg<DialogDetails>().Summary.CallId);
        Assert.Equal("CallInitiated", sink.ExpectMsg<CallEvents.CallEvent>().Type);
    }

    [Fact]
    public async Task Each_dialog_has_the_small_mailbox_instead_of_a_queue_segment()
    {
        var sink = CreateTestProbe();
        var manager = Sys.ActorOf(DialogManager.Props(new DialogServices(
            new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            sink, CreateTestProbe(), new DialogStatistics(), new DialogRegistry(), new ProbeRouteEvents(CreateTestProbe()))), DialogManager.Name);

        manager.Tell(new CreateDialog(Calls.Start("m1-6e")));
        sink.ExpectMsg<CallEvents.CallEvent>(); // the dialog started
        var dialog = await Sys.ActorSelection("/user/dialogs/m1-6e").ResolveOne(TimeSpan.FromSeconds(10));

        Assert.IsType<SmallMailbox.MessageQueue>(((LocalActorRef)dialog).Cell.Mailbox!.MessageQueue);
    }

    [Fact]
    public void A_dialog_created_as_the_request_hook_creates_it_has_the_small_mailbox_and_no_deployment_lookup()
    {
        var sink = CreateTestProbe();
        var node = DialogNode.Start(Sys, new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            sink, new DialogStatistics(), new ProbeRouteEvents(CreateTestProbe()));

        var dialog = node.Create(Calls.Start("h1-6e")).Actor;

        Assert.Equal("CallInitiated", sink.ExpectMsg<CallEvents.CallEvent>().Type);
        Assert.IsType<SmallMailbox.MessageQueue>(((LocalActorRef)dialog).Cell.Mailbox!.MessageQueue);
    }

    private sealed class FailingMailbox(Settings settings, Config config) : MailboxType(settings, config)
    {
        public override IMessageQueue Create(IActorRef owner, ActorSystem system) => throw new InvalidOperationException("a deployment was looked up");
    }
}
