using System.Collections.Concurrent;
using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Presence.B2b;

/// <summary>
/// The SUBSCRIBE dialogs the subscriptions hosted on this node have open, by Call-ID. A NOTIFY reaches the node whose
/// address its SUBSCRIBE carried as Contact, which is the node hosting that subscription, so handle_notify() can
/// decide at once, on the receiving thread, whether a NOTIFY is ours (the seed's confirmed and unconfirmed lists).
/// </summary>
public sealed class LocalSubscriptionDialogs
{
    private readonly ConcurrentDictionary<string, (string LocalTag, IActorRef Subscription)> _byCallId = new();

    public void Open(string callId, string localTag, IActorRef subscription) => _byCallId[callId] = (localTag, subscription);

    public void Close(string callId) => _byCallId.TryRemove(callId, out _);

    /// <summary>Whether the request's Call-ID is one of our subscription dialogs (its tag not yet checked).</summary>
    public bool IsOurs(SipRequest request) => request.CallId is { } callId && _byCallId.ContainsKey(callId);

    /// <summary>
    /// handle_notify(): true when the NOTIFY belongs to a subscription of this node (by Call-ID and our tag): it is
    /// handed to that subscription and the caller answers 200; false when there is no such subscription (answer 481).
    /// </summary>
    public bool HandleNotify(SipRequest notify)
    {
        if (notify.Method != SipMethods.Notify || notify.CallId is not { } callId
            || !_byCallId.TryGetValue(callId, out var dialog) || notify.To?.Tag != dialog.LocalTag
            || SubscriptionKey.OfNotify(notify) is not { } key)
        {
            return false;
        }

        dialog.Subscription.Tell(new IncomingNotify(key, notify.ToBytes(), ActorRefs.Nobody));
        return true;
    }
}
