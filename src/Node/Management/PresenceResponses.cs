using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Presence;

namespace ClusterSip.Node.Management;

/// <summary>One B2B subscription as GET /presence/subscriptions shows it.</summary>
/// <param name="Id">The subscription's id for DELETE /presence/subscriptions/{id} (URL-encode it).</param>
/// <param name="State">idle, delayed, subscribing, active, retrying, unsubscribing or ended.</param>
public sealed record PresenceSubscriptionResponse(
    string Id,
    string Presentity,
    string Subscriber,
    string State,
    DateTimeOffset? ExpiresAt,
    int Watchers,
    PresenceStatusResponse? Status)
{
    public static PresenceSubscriptionResponse From(SubscriptionInfo info) => new(
        info.Key,
        info.Presentity,
        info.Subscriber,
        info.Phase.ToString().ToLowerInvariant(),
        info.ExpiresAt,
        info.Watchers,
        info.LastStatus is null ? null : PresenceStatusResponse.From(info.LastStatus.Presentity, info.LastStatus.Document));
}

/// <summary>A presentity's status: basic open/closed per tuple, contact and notes.</summary>
/// <param name="Source">"agent" (this cluster's presence agent) or "b2b" (the last NOTIFY of a subscription).</param>
public sealed record PresenceStatusResponse(string Presentity, string Source, IReadOnlyList<PresenceTupleResponse> Tuples, IReadOnlyList<string> Notes)
{
    public static PresenceStatusResponse From(string presentity, PidfDocument document, string source = "b2b") => new(
        presentity,
        source,
        document.Tuples.Select(t => new PresenceTupleResponse(
            t.Id,
            t.Basic?.ToString().ToLowerInvariant(),
            t.Contact?.Uri,
            t.Contact?.Priority,
            t.Notes.Select(n => n.Text).ToList(),
            t.Timestamp)).ToList(),
        document.Notes.Select(n => n.Text).ToList());
}

public sealed record PresenceTupleResponse(string Id, string? Basic, string? Contact, decimal? Priority, IReadOnlyList<string> Notes, DateTimeOffset? Timestamp);

public sealed record PresenceSubscriptionsResponse(IReadOnlyList<PresenceSubscriptionResponse> Subscriptions);

public sealed record PresenceSubscriptionCreated(string Id, string Presentity, string Subscriber);
