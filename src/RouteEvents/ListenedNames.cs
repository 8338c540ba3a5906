using System.Collections.Concurrent;

namespace ClusterSip.RouteEvents;

/// <summary>
/// The event names some node of the cluster listens for, each with its topic: an event of any other name has no
/// waiter anywhere, so <see cref="ClusterRouteEvents.Publish"/> does not hand it to the pub-sub mediator (a DIALOG
/// event on every change of every dialog's state, while no route waits for one, cost a mailbox run on the thread pool
/// each). A name is added before this node's hub listens for it, and from the mediator's topics, which name every
/// node's subscriptions (<see cref="RouteEventHub"/> asks for them each pub-sub gossip interval). Hubs never stop
/// listening to a name, so names are never removed.
/// </summary>
internal sealed class ListenedNames
{
    private readonly ConcurrentDictionary<string, string> _topics = new(StringComparer.Ordinal);

    public void Add(string name) => _topics.TryAdd(name, RouteEventHub.Topic(name));

    /// <summary>The topic of <paramref name="name"/>, or null when no node listens for it.</summary>
    public string? TopicOf(string name) => _topics.TryGetValue(name, out var topic) ? topic : null;
}
