using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Stack;

/// <summary>
/// The node's <see cref="IRequestSender"/>: each request goes out in its own UAC transaction of the transaction layer
/// (<see cref="LocalRequestSender"/>), whose outcome a <see cref="UacOutcomeRelay"/> passes on as
/// <see cref="RequestAnswered"/> or <see cref="RequestFailed"/>.
/// </summary>
public sealed class UacRequestSender(ActorSystem system, LocalRequestSender sender) : IRequestSender
{
    public void Send(SipRequest request, AnyUri? outboundProxy, IActorRef replyTo)
    {
        var relay = system.ActorOf(UacOutcomeRelay.Props(request.CallId!, request.CSeq!.Number, replyTo));
        if (outboundProxy is not null and not SipUri)
        {
            relay.Tell(new ClientTransportError(0, $"the outbound proxy {outboundProxy} is not a SIP URI"));
            return;
        }

        sender.Send(request, relay, outboundProxy: outboundProxy as SipUri);
    }
}
