using ClusterSip.Sip.Messages;

namespace ClusterSip.Presence.Agent;

/// <summary>
/// What the agent decided about one request: the response, the events to journal (then apply), the watchers that get
/// a NOTIFY for themselves, and whether the composed state changed (then every watcher gets one).
/// </summary>
public sealed record AgentDecision(
    SipResponse Response,
    IReadOnlyList<object> Events,
    IReadOnlyList<NotifyTarget> Notifies,
    bool StateChanged)
{
    public static AgentDecision Reply(SipResponse response) => new(response, [], [], false);
}

/// <summary>A NOTIFY to send to one watcher with the given Subscription-State.</summary>
public sealed record NotifyTarget(WatcherDialog Dialog, string SubscriptionState);
