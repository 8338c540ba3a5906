using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Bench;

/// <summary>
/// Plays dialogs: keeps <c>window</c> calls in flight, each sending its five events (initiated, forked, ringing,
/// answered, released) to the callstore router at once, and starts the next call when all five are acknowledged.
/// Completes <see cref="Done"/> once <c>calls</c> calls are acknowledged.
/// </summary>
public sealed class CallDriver : ReceiveActor
{
    private readonly IActorRef _router;
    private readonly string _node;
    private readonly int _calls;
    private readonly Dictionary<string, int> _acks = new(StringComparer.Ordinal);
    private int _started;
    private int _finished;

    public CallDriver(IActorRef router, string node, int calls, int window, TaskCompletionSource done)
    {
        _router = router;
        _node = node;
        _calls = calls;
        Receive<CallEventAck>(ack =>
        {
            if (!_acks.TryGetValue(ack.CallId, out var count)) return;
            if (++count < 5)
            {
                _acks[ack.CallId] = count;
                return;
            }
            _acks.Remove(ack.CallId);
            if (++_finished == _calls) done.TrySetResult();
            else StartCall();
        });
        for (var i = 0; i < Math.Min(window, calls); i++) StartCall();
    }

    public static Props Props(IActorRef router, string node, int calls, int window, TaskCompletionSource done) =>
        Akka.Actor.Props.Create(() => new CallDriver(router, node, calls, window, done));

    private void StartCall()
    {
        if (_started == _calls) return;
        var callId = $"{Self.Path.Name}-{_started++:D8}";
        _acks[callId] = 0;
        foreach (var e in EventsOf(callId)) _router.Tell(e, Self);
    }

    private IEnumerable<CallEvent> EventsOf(string callId)
    {
        var now = DateTimeOffset.UtcNow;
        var from = new CallParty("Alice", "sip:alice@example.com");
        var to = new CallParty("", "sip:bob@example.com");
        var sipCallId = callId + "@192.0.2.1";
        yield return new CallInitiated { CallId = callId, SipCallId = sipCallId, Sequence = 1, Domain = "example.com", From = from, To = to, Node = _node, Time = now };
        yield return new CallForked { BranchId = "1", Target = "sip:bob@192.0.2.4:5060", CallId = callId, SipCallId = sipCallId, Sequence = 2, Domain = "example.com", From = from, To = to, Node = _node, Time = now };
        yield return new CallRinging { BranchId = "1", StatusCode = 180, CallId = callId, SipCallId = sipCallId, Sequence = 3, Domain = "example.com", From = from, To = to, Node = _node, Time = now };
        yield return new CallAnswered { BranchId = "1", AnsweredBy = "sip:bob@192.0.2.4:5060", CallId = callId, SipCallId = sipCallId, Sequence = 4, Domain = "example.com", From = from, To = to, Node = _node, Time = now };
        yield return new CallReleased { By = PartyRole.Caller, StatusCode = 200, Reason = "bye", CallId = callId, SipCallId = sipCallId, Sequence = 5, Domain = "example.com", From = from, To = to, Node = _node, Time = now };
    }
}
