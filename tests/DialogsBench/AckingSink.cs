using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.Dialogs.Bench;

/// <summary>Acknowledges every call event, as the callstore does once it has journaled it, and counts them.</summary>
internal sealed class AckingSink : UntypedActor
{
    private static long _received;

    public static long Received => Interlocked.Read(ref _received);

    protected override void OnReceive(object message)
    {
        if (message is CallEvent e)
        {
            Interlocked.Increment(ref _received);
            Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
        }
    }
}
