using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;

namespace ClusterSip.Sip.Stack.Tests.Actors;

public sealed class SmallMailboxTests : Akka.TestKit.Xunit2.TestKit
{
    public SmallMailboxTests(ITestOutputHelper output)
        : base(output: output) => TransactionDispatcher.Register(Sys);

    [Fact]
    public void The_queue_is_first_in_first_out_and_counts_what_it_holds()
    {
        var queue = new SmallMailbox().Create(TestActor, Sys);
        Assert.False(queue.HasMessages);

        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(TestActor, new Envelope(i, TestActor));
        }

        Assert.True(queue.HasMessages);
        Assert.Equal(10, queue.Count);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(queue.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }

        Assert.False(queue.TryDequeue(out _));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_dead_letters_in_order()
    {
        var queue = new SmallMailbox().Create(TestActor, Sys);
        var deadLetters = new SmallMailbox.MessageQueue();
        queue.Enqueue(TestActor, new Envelope("a", TestActor));
        queue.Enqueue(TestActor, new Envelope("b", TestActor));

        queue.CleanUp(TestActor, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.True(deadLetters.TryDequeue(out var first));
        Assert.True(deadLetters.TryDequeue(out var second));
        Assert.Equal(["a", "b"], new[] { first.Message, second.Message });
    }

    [Fact]
    public void A_spawned_child_gets_every_message_of_many_senders_each_in_order()
    {
        const int Senders = 4;
        const int PerSender = 2_000;
        var parent = Sys.ActorOf(Props.Create(() => new Parent()));
        parent.Tell(Props.Create(() => new Recorder(Senders * PerSender)));
        var child = ExpectMsg<IActorRef>();

        Parallel.For(0, Senders, s =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                child.Tell((s, i), TestActor);
            }
        });

        var received = ExpectMsg<List<(int Sender, int Seq)>>(TimeSpan.FromSeconds(30));
        Assert.Equal(Senders * PerSender, received.Count);
        for (var s = 0; s < Senders; s++)
        {
            var sender = s;
            Assert.Equal(Enumerable.Range(0, PerSender), received.Where(m => m.Sender == sender).Select(m => m.Seq));
        }
    }

    private sealed class Parent : UntypedActor
    {
        private readonly ChildSpawner _spawner;

        public Parent() => _spawner = new ChildSpawner(Context, TransactionDispatcher.Id, new SmallMailbox());

        protected override void OnReceive(object message) => Sender.Tell(_spawner.Spawn((Props)message));
    }

    private sealed class Recorder(int expected) : UntypedActor
    {
        private readonly List<(int Sender, int Seq)> _received = [];

        protected override void OnReceive(object message)
        {
            _received.Add(((int, int))message);
            if (_received.Count == expected)
            {
                Sender.Tell(_received);
            }
        }
    }
}
