namespace ClusterSip.Presence.Agent;

/// <summary>
/// The notifier's side of one SIP watcher's SUBSCRIBE dialog, in plain strings so it can be journaled.
/// </summary>
/// <param name="From">Our From in NOTIFYs: the SUBSCRIBE's To with our tag.</param>
/// <param name="To">Our To in NOTIFYs: the SUBSCRIBE's From (the watcher, with its tag).</param>
/// <param name="RouteSet">The SUBSCRIBE's Record-Route values, in order (RFC 3261 12.1.1).</param>
/// <param name="EventId">The id parameter of the SUBSCRIBE's Event, echoed in NOTIFYs.</param>
public sealed record WatcherDialog(
    string CallId,
    string LocalTag,
    string RemoteTag,
    string Subscriber,
    string From,
    string To,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    string? EventId,
    DateTimeOffset ExpiresAt)
{
    public string Id => CallId + ";" + LocalTag;
}
