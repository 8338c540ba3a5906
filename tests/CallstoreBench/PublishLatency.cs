using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Bench;

/// <summary>
/// Subscribes to the accepted call events as an Interaction Proxy does and records, for each, the time from its
/// sending (the event's <see cref="CallEvent.Time"/>, stamped by the driver) to its publication reaching here.
/// Completes <c>subscribed</c> once it receives them; answers <see cref="Report"/> with the percentiles in milliseconds.
/// </summary>
public sealed class PublishLatency : ReceiveActor
{
    private readonly List<double> _milliseconds = [];

    public PublishLatency(TaskCompletionSource subscribed)
    {
        Receive<SubscribeAck>(_ => subscribed.TrySetResult());
        Receive<AcceptedCallEvent>(accepted => _milliseconds.Add((DateTimeOffset.UtcNow - accepted.Event.Time).TotalMilliseconds));
        Receive<Report>(_ =>
        {
            _milliseconds.Sort();
            Sender.Tell(new Percentiles(_milliseconds.Count, At(0.5), At(0.9), At(0.99), _milliseconds.Count == 0 ? 0 : _milliseconds[^1]));
            _milliseconds.Clear();
        });
    }

    public static Props Props(TaskCompletionSource subscribed) => Akka.Actor.Props.Create(() => new PublishLatency(subscribed));

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(CallEventTopics.Accepted, Self));

    private double At(double quantile) => _milliseconds.Count == 0 ? 0 : _milliseconds[(int)Math.Min(_milliseconds.Count - 1, quantile * _milliseconds.Count)];

    public sealed record Report
    {
        public static readonly Report Instance = new();
    }

    public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max);
}
