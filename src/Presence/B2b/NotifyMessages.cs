using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Presence.B2b;

/// <summary>
/// A NOTIFY for the subscription <paramref name="Key"/> (<see cref="SubscriptionKey.OfNotify"/>), as received, so it
/// can cross nodes. <paramref name="ReplyTo"/> gets <see cref="NotifyHandled"/> (answer 200) or
/// <see cref="NotifyNotMatched"/> (handle_notify() is false: no such subscription).
/// </summary>
public sealed record IncomingNotify(string Key, byte[] Message, IActorRef ReplyTo)
{
    public static IncomingNotify? Of(SipRequest notify, IActorRef replyTo) =>
        SubscriptionKey.OfNotify(notify) is { } key ? new IncomingNotify(key, notify.ToBytes(), replyTo) : null;
}

public sealed record NotifyHandled(string Key);

public sealed record NotifyNotMatched(string Key);
