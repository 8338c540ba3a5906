using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.Dialogs.Tests.Support;

/// <summary>
/// A subscriber as the callstore will be: acknowledges each event to its sender and passes each (call, sequence) on
/// to <paramref name="observer"/> once, dropping repeats. It ignores the first <paramref name="ignoreFirst"/> deliveries
/// (no acknowledgement), as a consumer that was down would.
/// </summary>
public sealed class TestSink : ReceiveActor
{
    private readonly HashSet<(string, long)> _seen = [];

    public TestSink(IActorRef observer, int ignoreFirst)
    {
        var ignored = 0;
        Receive<CallEvent>(e =>
        {
            if (ignored++ < ignoreFirst)
            {
                return;
            }

            if (_seen.Add((e.CallId, e.Sequence)))
            {
                observer.Tell(e);
            }

            Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
        });
    }

    public static Props Props(IActorRef observer, int ignoreFirst = 0) => Akka.Actor.Props.Create(() => new TestSink(observer, ignoreFirst));
}
