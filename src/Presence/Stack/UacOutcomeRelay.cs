using Akka.Actor;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Presence.Stack;

/// <summary>Owns one UAC transaction for a presence actor: passes its responses on and turns a timeout or transport error into <see cref="RequestFailed"/>.</summary>
public sealed class UacOutcomeRelay : ReceiveActor
{
    public UacOutcomeRelay(string callId, uint cseq, IActorRef replyTo)
    {
        Receive<ClientResponse>(r =>
        {
            replyTo.Tell(new RequestAnswered(r.Response));
            if (r.Response.IsFinal)
            {
                Context.Stop(Self);
            }
        });
        Receive<ClientTimeout>(_ => Fail(replyTo, new RequestFailed(callId, cseq, "no final response (timeout)")));
        Receive<ClientTransportError>(e => Fail(replyTo, new RequestFailed(callId, cseq, e.Error)));
    }

    public static Props Props(string callId, uint cseq, IActorRef replyTo) =>
        Akka.Actor.Props.Create(typeof(UacOutcomeRelay), callId, cseq, replyTo);

    private void Fail(IActorRef replyTo, RequestFailed failed)
    {
        replyTo.Tell(failed);
        Context.Stop(Self);
    }
}
