using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.RouteEvents;

/// <summary>
/// A node's end of the route event bus: subscribed to the DistributedPubSub topic of every event name a local
/// transaction waits for (and of the names given at start), it hands each event to the local watches it matches. Each
/// pub-sub gossip interval it asks the mediator for the cluster's topics, for <see cref="ListenedNames"/>.
/// </summary>
internal sealed class RouteEventHub : ReceiveActor
{
    private readonly IActorRef _mediator;
    private readonly HashSet<string> _topics = [];
    private readonly Dictionary<long, (Watch Watch, ICancelable Timer)> _watches = [];
    private readonly Dictionary<string, Dictionary<long, Watch>> _byName = [];
    private readonly ListenedNames _listened;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ICancelable _topicsPoll;

    public RouteEventHub(IActorRef mediator, IEnumerable<string> names, ListenedNames listened, TimeSpan gossipInterval)
    {
        _mediator = mediator;
        _listened = listened;
        foreach (var name in names)
        {
            Listen(name);
        }

        _topicsPoll = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(gossipInterval, gossipInterval, mediator, GetTopics.Instance, Self);
        Receive<CurrentTopics>(OnTopics);

        Receive<Watch>(OnWatch);
        Receive<Unwatch>(u => End(u.Id));
        Receive<RouteEvent>(OnEvent);
        Receive<CountWatches>(_ => Sender.Tell(_watches.Count));
        Receive<SubscribeAck>(_ => { });
    }

    private const string TopicPrefix = "route-event:";

    public static string Topic(string name) => TopicPrefix + name;

    public static Props Props(IActorRef mediator, IEnumerable<string> names, ListenedNames listened, TimeSpan gossipInterval) =>
        Akka.Actor.Props.Create(() => new RouteEventHub(mediator, names, listened, gossipInterval));

    protected override void PostStop() => _topicsPoll.Cancel();

    // Akka.NET lists a topic URL-encoded as it keys its registry (':' as %3A).
    private void OnTopics(CurrentTopics current)
    {
        foreach (var topic in current.Topics)
        {
            var decoded = Uri.UnescapeDataString(topic);
            if (decoded.StartsWith(TopicPrefix, StringComparison.Ordinal))
            {
                _listened.Add(decoded[TopicPrefix.Length..]);
            }
        }
    }

    private void OnWatch(Watch watch)
    {
        Listen(watch.Name);
        var timer = Context.System.Scheduler.ScheduleTellOnceCancelable(watch.Timeout, Self, new Unwatch(watch.Id), Self);
        _watches[watch.Id] = (watch, timer);
        if (!_byName.TryGetValue(watch.Name, out var named))
        {
            _byName[watch.Name] = named = [];
        }

        named[watch.Id] = watch;
    }

    private void OnEvent(RouteEvent routeEvent)
    {
        if (!_byName.TryGetValue(routeEvent.Name, out var named))
        {
            return;
        }

        foreach (var (id, watch) in named.ToList())
        {
            if (!routeEvent.Matches(watch.Filter))
            {
                continue;
            }

            if (!watch.Events.TryWrite(routeEvent))
            {
                _log.Warning("Route event {0} lost for watch {1}: its channel is closed", routeEvent.Name, id);
            }

            if (watch.Once)
            {
                End(id);
            }
        }
    }

    private void End(long id)
    {
        if (_watches.Remove(id, out var entry))
        {
            entry.Timer.Cancel();
            entry.Watch.Events.TryComplete();
            var named = _byName[entry.Watch.Name];
            named.Remove(id);
            if (named.Count == 0)
            {
                _byName.Remove(entry.Watch.Name);
            }
        }
    }

    private void Listen(string name)
    {
        if (_topics.Add(name))
        {
            _mediator.Tell(new Subscribe(Topic(name), Self));
        }
    }
}
