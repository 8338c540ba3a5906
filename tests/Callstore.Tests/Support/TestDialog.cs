using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>Every event of the dialog was acknowledged.</summary>
public sealed record DialogDone(string CallId, int Acks);

/// <summary>
/// Plays a dialog: sends its call's events one at a time to the callstore router, each again every
/// <paramref name="resend"/> until acknowledged, as docs/call-events.md asks of a dialog; reports <see cref="DialogDone"/>.
/// </summary>
public sealed class TestDialog : ReceiveActor, IWithTimers
{
    private readonly IReadOnlyList<CallEvent> _events;
    private int _next;
    private readonly Action _start;
    private int _acks;

    public TestDialog(IActorRef router, IReadOnlyList<CallEvent> events, IActorRef reporter, TimeSpan resend)
    {
        _events = events;
        Receive<CallEventAck>(ack =>
        {
            _acks++;
            if (_next >= _events.Count || ack.Sequence != _events[_next].Sequence || ack.CallId != _events[_next].CallId) return;
            _next++;
            if (_next == _events.Count)
            {
                Timers.CancelAll();
                reporter.Tell(new DialogDone(_events[0].CallId, _acks));
                return;
            }
            router.Tell(_events[_next]);
        });
        Receive<Resend>(_ =>
        {
            if (_next < _events.Count) router.Tell(_events[_next]);
        });
        _start = () =>
        {
            Timers.StartPeriodicTimer(nameof(Resend), Resend.Instance, resend);
            router.Tell(_events[0]);
        };
    }

    protected override void PreStart() => _start();

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef router, IReadOnlyList<CallEvent> events, IActorRef reporter, TimeSpan? resend = null) =>
        Akka.Actor.Props.Create(() => new TestDialog(router, events, reporter, resend ?? TimeSpan.FromMilliseconds(300)));

    private sealed record Resend
    {
        public static readonly Resend Instance = new();
    }
}
