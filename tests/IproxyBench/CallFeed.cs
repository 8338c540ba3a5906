using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Tests.Support;

namespace ClusterSip.IproxyBench;

/// <summary>
/// Publishes call events on CallEventTopics.Accepted as a callstore group does once it accepted them: numbered by
/// the group's offset, each call four events (initiated, ringing, answered, released), one call after the other.
/// </summary>
public sealed class CallFeed(ActorSystem system)
{
    // No callstore group of the node has this number: each client cluster starts its stream at the first offset it sees.
    private const int Group = 1000;

    private readonly IActorRef _mediator = DistributedPubSub.Get(system).Mediator;
    private TestCall _call = new("bench-0");
    private long _offset;
    private int _calls;

    public long Published => _offset;

    public void Publish(int events)
    {
        for (var i = 0; i < events; i++) _mediator.Tell(new Publish(CallEventTopics.Accepted, new AcceptedCallEvent(Next(), Group, ++_offset)));
    }

    private CallEvent Next()
    {
        switch (_offset % 4)
        {
            case 0:
                _call = new TestCall($"bench-{++_calls}");
                return _call.Initiated();
            case 1:
                return _call.Ringing();
            case 2:
                return _call.Answered();
            default:
                return _call.Released();
        }
    }
}
