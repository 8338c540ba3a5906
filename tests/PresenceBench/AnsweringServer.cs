using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Bench;

/// <summary>
/// The presence server the B2B UA subscribes to, in place of the transaction layer: every SUBSCRIBE is answered 200
/// at once with the expiry asked for, and the moment of each send is kept.
/// </summary>
public sealed class AnsweringServer : IRequestSender
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<TimeSpan> _sends = new();

    public int Sent => _sends.Count;

    /// <summary>The moments of the sends, from the server's creation.</summary>
    public IReadOnlyList<TimeSpan> Sends => _sends.ToArray();

    public void Send(SipRequest request, AnyUri? outboundProxy, IActorRef replyTo)
    {
        _sends.Enqueue(_clock.Elapsed);
        var response = SipResponse.CreateFor(request, 200, toTag: "pa");
        response.Headers.Add("Expires", request.Headers.Get("Expires") ?? "3600");
        replyTo.Tell(new RequestAnswered((SipResponse)SipParser.Parse(response.ToBytes())));
    }
}
