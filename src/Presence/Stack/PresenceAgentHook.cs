using Akka.Actor;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence.Stack;

/// <summary>
/// The presence agent on the wire, before the route script (Kamailio's <c>handle_publish()</c> and
/// <c>handle_subscribe()</c>): a PUBLISH or SUBSCRIBE whose To names a presentity of the agent's domains goes to that
/// presentity's actor (sharded, on any node); the route waits without blocking (<see cref="RouteContext.Await{T}"/>)
/// and the transaction answers with the agent's response, its To tag naming the subscription's dialog. The agent
/// answers an event package it does not serve itself (489). An agent slower than
/// <see cref="PresenceAgentSettings.AnswerTimeout"/> (a journal write) gets the request 500 and a log line.
/// </summary>
public sealed class PresenceAgentHook(Func<IActorRef> agent, PresenceAgentSettings settings) : IRequestHook
{
    public bool OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method is not (SipMethods.Publish or SipMethods.Subscribe) || !context.HasTransaction
            || request.To?.Uri is not { } presentity || !settings.Serves(presentity))
        {
            return false;
        }

        var key = SubscriptionKey.Address(presentity);
        var message = request.ToBytes();
        context.Await(
            agent().Ask<AgentResponse>(replyTo => new AgentRequest(key, message, replyTo), settings.AnswerTimeout, CancellationToken.None),
            (resumed, response) => resumed.TReply((SipResponse)SipParser.Parse(response.Message)));
        return true;
    }
}
