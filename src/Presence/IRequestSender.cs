using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence;

/// <summary>
/// The port through which subscriptions send their SUBSCRIBEs (the transaction layer in a node). Every request gets
/// exactly one final outcome at <paramref name="replyTo"/>: <see cref="RequestAnswered"/> with a final response, or
/// <see cref="RequestFailed"/> (timeout, transport error, no route).
/// </summary>
public interface IRequestSender
{
    /// <param name="outboundProxy">Where to send the request; null = by its Route set and Request-URI (RFC 3261 8.1.2).</param>
    void Send(SipRequest request, AnyUri? outboundProxy, IActorRef replyTo);
}

/// <summary>A response to a request sent through <see cref="IRequestSender"/>; provisional ones may come first.</summary>
public sealed record RequestAnswered(SipResponse Response);

/// <summary>A request sent through <see cref="IRequestSender"/> got no response (a timeout counts like a 408).</summary>
public sealed record RequestFailed(string CallId, uint CSeq, string Reason);
