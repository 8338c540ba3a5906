using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.RouteEvents;

/// <summary>
/// The cluster-wide route event bus on Akka's DistributedPubSub, a topic per event name: an event raised on any node
/// reaches the <see cref="RouteEventHub"/> of every node with a transaction waiting for that name. A waiting
/// transaction reads its events from a channel through <see cref="RouteContext.Await{T}"/>, so nothing blocks.
/// </summary>
/// <remarks>
/// A node learns of another's topic subscription by gossip (DistributedPubSub's gossip-interval): the names given to
/// <see cref="Start"/> are subscribed at once, so waits for them are heard from every node from the start. An event of
/// another name is published only once this node knows that some node listens for it (<see cref="ListenedNames"/>):
/// the first wait for a name on another node hears this node's events after up to two gossip intervals, not one.
/// </remarks>
public sealed class ClusterRouteEvents : IRouteEvents
{
    private readonly IActorRef _mediator;
    private readonly IActorRef _hub;
    private readonly ListenedNames _listened;
    private readonly ILoggingAdapter _log;
    private long _nextId;

    private ClusterRouteEvents(IActorRef mediator, IActorRef hub, ListenedNames listened, ILoggingAdapter log)
    {
        _mediator = mediator;
        _hub = hub;
        _listened = listened;
        _log = log;
    }

    /// <param name="names">Event names every node listens for from the start (REGISTER, DTMF).</param>
    public static ClusterRouteEvents Start(ActorSystem system, IEnumerable<string> names)
    {
        var mediator = DistributedPubSub.Get(system).Mediator;
        var listened = new ListenedNames();
        var initial = names.ToList();
        initial.ForEach(listened.Add);
        var gossip = DistributedPubSubSettings.Create(system).GossipInterval;
        var hub = system.ActorOf(RouteEventHub.Props(mediator, initial, listened, gossip), "route-events");
        return new ClusterRouteEvents(mediator, hub, listened, Logging.GetLogger(system, typeof(ClusterRouteEvents)));
    }

    /// <summary>Whether this node knows of a node listening for events named <paramref name="name"/>, so publishes them.</summary>
    public bool Publishes(string name) => _listened.TopicOf(name) is not null;

    /// <summary>How many transactions of this node wait for events (waits and subscriptions).</summary>
    public Task<int> Waiting() => _hub.Ask<int>(CountWatches.Instance, TimeSpan.FromSeconds(5));

    public void Publish(RouteEvent routeEvent)
    {
        if (_listened.TopicOf(routeEvent.Name) is { } topic)
        {
            _mediator.Tell(new Publish(topic, routeEvent));
        }
    }

    public void WaitFor(RouteContext context, string eventName, IReadOnlyDictionary<string, string> filter, TimeSpan timeout, Action<RouteContext, RouteEvent?> resume)
    {
        var events = Watch(context, eventName, filter, timeout, once: true);
        context.Await(events.WaitToReadAsync().AsTask(), (resumed, _) => resume(resumed, events.TryRead(out var routeEvent) ? routeEvent : null));
    }

    public void Subscribe(
        RouteContext context,
        string eventName,
        IReadOnlyDictionary<string, string> filter,
        Action<RouteContext, RouteEvent> handler,
        TimeSpan timeout,
        Action<RouteContext>? expired = null)
    {
        var events = Watch(context, eventName, filter, timeout, once: false);
        Next(context, events, handler, expired);
    }

    public IDisposable Listen(string eventName, IReadOnlyDictionary<string, string> filter, Action<RouteEvent> handler, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var channel = Channel.CreateUnbounded<RouteEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _listened.Add(eventName);
        _hub.Tell(new Watch(id, eventName, filter, channel.Writer, Once: false, timeout));
        _ = Deliver(channel.Reader, handler);
        return new WatchEnd(_hub, id);
    }

    private async Task Deliver(ChannelReader<RouteEvent> events, Action<RouteEvent> handler)
    {
        await foreach (var routeEvent in events.ReadAllAsync())
        {
            try
            {
                handler(routeEvent);
            }
            catch (Exception e)
            {
                _log.Error(e, "The handler of route event {0} failed", routeEvent.Name);
            }
        }
    }

    private static void Next(RouteContext context, ChannelReader<RouteEvent> events, Action<RouteContext, RouteEvent> handler, Action<RouteContext>? expired) =>
        context.Await(events.WaitToReadAsync().AsTask(), (resumed, open) =>
        {
            if (!open)
            {
                expired?.Invoke(resumed); // not called once the transaction ended: a resumed route does not run then
                return;
            }

            while (events.TryRead(out var routeEvent))
            {
                handler(resumed, routeEvent);
            }

            Next(resumed, events, handler, expired);
        });

    private ChannelReader<RouteEvent> Watch(RouteContext context, string eventName, IReadOnlyDictionary<string, string> filter, TimeSpan timeout, bool once)
    {
        var id = Interlocked.Increment(ref _nextId);
        var channel = Channel.CreateUnbounded<RouteEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        context.OnTransaction(new WatchEnd(_hub, id));
        _listened.Add(eventName);
        _hub.Tell(new Watch(id, eventName, filter, channel.Writer, once, timeout));
        return channel.Reader;
    }
}
