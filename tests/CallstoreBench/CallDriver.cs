using System.Diagnostics;
using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Bench;

/// <summary>How the driver plays its calls.</summary>
/// <param name="Window">Calls in flight at most (a new one starts when one is fully acknowledged); ignored with a rate.</param>
/// <param name="Rate">Calls started per second regardless of acknowledgements (open loop); 0 = by window.</param>
/// <param name="LeaveActive">Send each call's first four events only (initiated .. answered): the calls stay active.</param>
public sealed record DriverPlan(int Calls, int Window, int Rate, bool LeaveActive)
{
    public int EventsPerCall => LeaveActive ? 4 : 5;
}

/// <summary>
/// Plays dialogs: each call sends its events (initiated, forked, ringing, answered and, unless the plan leaves calls
/// active, released) to the callstore router at once, stamped with the time they are sent. Calls start by window or
/// at a rate (<see cref="DriverPlan"/>). Completes <c>done</c> once every call is fully acknowledged.
/// </summary>
public sealed class CallDriver : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly IActorRef _router;
    private readonly string _node;
    private readonly DriverPlan _plan;
    private readonly Dictionary<string, int> _acks = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _started;
    private int _finished;

    public CallDriver(IActorRef router, string node, DriverPlan plan, TaskCompletionSource done)
    {
        _router = router;
        _node = node;
        _plan = plan;
        Receive<CallEventAck>(ack =>
        {
            if (!_acks.TryGetValue(ack.CallId, out var count)) return;
            if (++count < plan.EventsPerCall)
            {
                _acks[ack.CallId] = count;
                return;
            }
            _acks.Remove(ack.CallId);
            if (++_finished == plan.Calls) done.TrySetResult();
            else if (plan.Rate == 0) StartCall();
        });
        Receive<StartDue>(_ =>
        {
            var due = Math.Min(plan.Calls, (int)(_clock.Elapsed.TotalSeconds * plan.Rate));
            while (_started < due) StartCall();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef router, string node, DriverPlan plan, TaskCompletionSource done) =>
        Akka.Actor.Props.Create(() => new CallDriver(router, node, plan, done));

    protected override void PreStart()
    {
        if (_plan.Rate > 0) Timers.StartPeriodicTimer(nameof(StartDue), StartDue.Instance, Tick);
        else for (var i = 0; i < Math.Min(_plan.Window, _plan.Calls); i++) StartCall();
    }

    private void StartCall()
    {
        if (_started == _plan.Calls) return;
        var callId = $"{Self.Path.Name}-{_started++:D8}";
        _acks[callId] = 0;
        foreach (var e in EventsOf(callId).Take(_plan.EventsPerCall)) _router.Tell(e, Self);
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

    private sealed record StartDue
    {
        public static readonly StartDue Instance = new();
    }
}
