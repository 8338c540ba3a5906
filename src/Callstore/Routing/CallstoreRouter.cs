using Akka.Actor;
using Akka.Event;
using ClusterSip.Callstore.Domains;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Routing;

/// <summary>
/// The node-local entry of the callstore, at <see cref="Path"/> on every node: forwards each <see cref="CallEvent"/>
/// (keeping its sender, the dialog, which gets the acknowledgement) to the singleton of the group serving the
/// event's domain, and a <see cref="GetActiveCalls"/> to every group (the sender gets one snapshot per group).
/// </summary>
public sealed class CallstoreRouter : ReceiveActor
{
    public const string Name = "callstore-router";

    public const string Path = "/user/" + Name;

    public CallstoreRouter(DomainTree tree, IReadOnlyDictionary<int, IActorRef> groups)
    {
        var log = Context.GetLogger();
        Receive<CallEvent>(e =>
        {
            if (tree.Resolve(e.Domain) is { } group && groups.TryGetValue(group, out var singleton))
                singleton.Forward(e);
            else
                log.Warning("no callstore group serves domain \"{0}\" of call {1}: event {2} not stored (define a group with empty include_domains)", e.Domain, e.CallId, e.Sequence);
        });
        Receive<GetActiveCalls>(request =>
        {
            foreach (var singleton in groups.Values) singleton.Forward(request);
        });
        Receive<WhenStarted>(_ => Sender.Tell(new NodeStartedAt(DateTimeOffset.UnixEpoch + Context.System.StartTime)));
    }

    public static Props Props(DomainTree tree, IReadOnlyDictionary<int, IActorRef> groups) =>
        Akka.Actor.Props.Create(() => new CallstoreRouter(tree, groups));
}
