using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Tests.Support;

/// <summary>The test's transaction layer: every request goes to a probe, and the test answers it through <see cref="Sent"/>.</summary>
public sealed class FakeRequestSender(IActorRef probe, Akka.Actor.IScheduler scheduler) : IRequestSender
{
    public void Send(SipRequest request, AnyUri? outboundProxy, IActorRef replyTo) =>
        probe.Tell(new Sent(request, outboundProxy, replyTo, scheduler.Now));

    public sealed record Sent(SipRequest Request, AnyUri? OutboundProxy, IActorRef ReplyTo, DateTimeOffset At)
    {
        public void Answer(int status, string? headers = null, string? toTag = "pa-tag")
        {
            var response = SipResponse.CreateFor(Request, status, toTag: toTag);
            foreach (var line in (headers ?? "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = line.IndexOf(':');
                response.Headers.Add(line[..colon], line[(colon + 1)..].Trim());
            }

            ReplyTo.Tell(new RequestAnswered((SipResponse)Sip.Parsing.SipParser.Parse(response.ToBytes())));
        }

        public void Fail(string reason) => ReplyTo.Tell(new RequestFailed(Request.CallId!, Request.CSeq!.Number, reason));
    }
}
