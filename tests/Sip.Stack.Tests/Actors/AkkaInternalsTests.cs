using System.Reflection;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;

namespace ClusterSip.Sip.Stack.Tests.Actors;

/// <summary>
/// <see cref="ChildSpawner"/> creates children the way <c>ActorCell.MakeChild</c> does, through members Akka
/// documents as internal. These tests pin them: on an Akka upgrade they fail first, and the spawner must be checked
/// against the new <c>MakeChild</c> before the version below is raised.
/// </summary>
public sealed class AkkaInternalsTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config Config = ConfigurationFactory.ParseString(
        $"failing-mailbox.mailbox-type = \"{typeof(FailingMailbox).AssemblyQualifiedName}\"");

    public AkkaInternalsTests(ITestOutputHelper output)
        : base(Config, output: output) => TransactionDispatcher.Register(Sys);

    [Fact]
    public void The_spawner_was_checked_against_this_akka_version()
    {
        Assert.Equal(new Version(1, 5, 74, 0), typeof(ActorCell).Assembly.GetName().Version);
    }

    [Fact]
    public void The_child_container_members_the_spawner_calls_are_there()
    {
        var cell = typeof(ActorCell);
        Assert.True(cell.GetMethod("ReserveChild", [typeof(string)])?.IsPublic);
        Assert.True(cell.GetMethod("InitChild", [typeof(IInternalActorRef)])?.IsPublic);
        Assert.NotNull(cell.GetMethod("UnreserveChild", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(string)]));
    }

    [Fact]
    public void A_spawned_actor_is_a_supervised_child_that_stops_with_its_parent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new SpawningParent()));
        parent.Tell(Props.Create(() => new Child()));
        var child = ExpectMsg<IActorRef>();
        Assert.Equal(parent.Path, child.Path.Parent);

        parent.Tell("children");
        Assert.Equal([child], ExpectMsg<IActorRef[]>());

        child.Tell("fail");
        ExpectMsg<string>("child failed"); // the parent's supervisor strategy decided

        Watch(child);
        Sys.Stop(parent);
        ExpectTerminated(child);
    }

    [Fact]
    public void A_failed_creation_leaves_no_reserved_name()
    {
        var parent = Sys.ActorOf(Props.Create(() => new SpawningParent()));
        parent.Tell(Props.Create(() => new OtherChild()).WithMailbox("failing-mailbox"));
        Assert.Contains("no mailbox", ExpectMsg<Status.Failure>().Cause.Message, StringComparison.Ordinal);

        parent.Tell("reserved 1");
        ExpectMsg(false);

        parent.Tell(Props.Create(() => new Child()));
        Assert.Equal("2", ExpectMsg<IActorRef>().Path.Name);
    }

    [Fact]
    public void A_named_child_takes_its_name_once_and_a_bad_name_is_refused()
    {
        var parent = Sys.ActorOf(Props.Create(() => new SpawningParent()));
        parent.Tell((Props.Create(() => new Child()), "call-1"));
        Assert.Equal("call-1", ExpectMsg<IActorRef>().Path.Name);

        parent.Tell((Props.Create(() => new Child()), "call-1"));
        Assert.IsType<InvalidActorNameException>(ExpectMsg<Status.Failure>().Cause);
        parent.Tell((Props.Create(() => new Child()), "no/slash"));
        Assert.IsType<InvalidActorNameException>(ExpectMsg<Status.Failure>().Cause);
    }

    private sealed class SpawningParent : UntypedActor
    {
        private readonly ChildSpawner _spawner;
        private IActorRef? _asker;

        public SpawningParent() => _spawner = new ChildSpawner(Context, TransactionDispatcher.Id);

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ =>
        {
            _asker?.Tell("child failed");
            return Directive.Resume;
        });

        protected override void OnReceive(object message)
        {
            _asker = Sender;
            switch (message)
            {
                case Props props:
                    Reply(() => _spawner.Spawn(props));
                    break;
                case (Props props, string name):
                    Reply(() => _spawner.Spawn(props, name));
                    break;
                case "children":
                    Sender.Tell(Context.GetChildren().ToArray());
                    break;
                case "reserved 1":
                    Sender.Tell(((ActorCell)Context).ChildrenContainer.TryGetByName("1", out _));
                    break;
            }
        }

        private void Reply(Func<IActorRef> spawn)
        {
            try
            {
                Sender.Tell(spawn());
            }
            catch (Exception e)
            {
                Sender.Tell(new Status.Failure(e));
            }
        }
    }

    private sealed class Child : UntypedActor
    {
        protected override void OnReceive(object message) => throw new InvalidOperationException("told to fail");
    }

    private sealed class OtherChild : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class FailingMailbox(Settings settings, Config config) : MailboxType(settings, config)
    {
        public override IMessageQueue Create(IActorRef owner, ActorSystem system) => throw new InvalidOperationException("no mailbox");
    }
}
