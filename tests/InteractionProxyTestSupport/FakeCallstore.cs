using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ClusterSip.CallEvents;

namespace ClusterSip.InteractionProxy.Tests.Support;

/// <summary>
/// One callstore group as the contract describes it: each event it is told is accepted with the next offset and
/// published on <see cref="CallEventTopics.Accepted"/>; <see cref="GetActiveCalls"/> answers with its active calls.
/// Replies with the offset given.
/// </summary>
public sealed class FakeCallstore : ReceiveActor
{
    private readonly Dictionary<string, ActiveCall> _calls = new();
    private long _offset;

    public FakeCallstore(int group)
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        Receive<CallEvent>(e =>
        {
            _offset++;
            Track(e);
            mediator.Tell(new Publish(CallEventTopics.Accepted, new AcceptedCallEvent(e, group, _offset)));
            Sender.Tell(_offset);
        });
        Receive<Unpublished>(u =>
        {
            // Accepted but lost on the way to subscribers: the offset is used, the snapshot shows the call.
            _offset++;
            Track(u.Event);
            Sender.Tell(_offset);
        });
        Receive<GetActiveCalls>(_ => Sender.Tell(new ActiveCallsSnapshot(group, _offset, _calls.Values.ToList())));
    }

    public static Props Props(int group) => Akka.Actor.Props.Create(() => new FakeCallstore(group));

    private void Track(CallEvent e)
    {
        CallState? before = _calls.TryGetValue(e.CallId, out var known) ? known.State : null;
        CallState? after = e switch
        {
            CallInitiated => CallState.Dialing,
            CallRinging => CallState.Ringing,
            CallAnswered or CallRetrieved => CallState.Established,
            CallHeld => CallState.Held,
            CallReleased or CallFailed => null,
            _ => before,
        };
        if (after is { } state) _calls[e.CallId] = new ActiveCall(e, state);
        else _calls.Remove(e.CallId);
    }

    /// <summary>An event accepted whose publication is lost.</summary>
    public sealed record Unpublished(CallEvent Event);
}
