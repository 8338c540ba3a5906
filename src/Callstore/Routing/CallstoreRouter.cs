using Akka.Actor;
using Akka.Event;
using ClusterSip.Callstore.Domains;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Routing;

/// <summary>
/// The node-local entry of the callstore, at <see cref="Path"/> on every node: forwards each <see cref="CallEvent"/>
/// (keeping its sender, the dialog, which gets the acknowledgement) to the singleton of the group serving the
/// event's domain, and a <see cref="GetActiveCalls"/> to every group (the sender gets one snapshot per group).
/// An event of a domain no group serves is acknowledged here and not stored: every node has the same configuration,
/// so a resend could only fail again while its dialog held on to it. Each such domain is logged once.
/// </summary>
public sealed class CallstoreRouter : ReceiveActor
{
    public const string Name = "callstore-router";

    public const string Path = "/user/" + Name;

    /// <summary>Unserved domains named in the log, at most: a flood of made-up domains must not grow the set without end.</summary>
    private const int LoggedDomainsLimit = 1000;

    private readonly HashSet<string> _loggedDomains = new(StringComparer.OrdinalIgnoreCase);

    public CallstoreRouter(DomainTree tree, IReadOnlyDictionary<int, IActorRef> groups)
    {
        var log = Context.GetLogger();
        Receive<CallEvent>(e =>
        {
            if (tree.Resolve(e.Domain) is { } group && groups.TryGetValue(group, out var singleton))
            {
                singleton.Forward(e);
                return;
            }

            Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
            if (_loggedDomains.Count < LoggedDomainsLimit && _loggedDomains.Add(e.Domain))
                log.Warning("no callstore group serves domain \"{0}\" (call {1}): its call events are not stored (define a group with empty include_domains); " +
                            "logged once per domain", e.Domain, e.CallId);
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
