using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Tests.Support;

/// <summary>A message the fake transport was asked to send (a snapshot: later changes to the original do not show).</summary>
public sealed record TransportSent(SipMessage Message, SipEndPoint? Destination)
{
    public SipRequest Request => (SipRequest)Message;

    public SipResponse Response => (SipResponse)Message;

    public override string ToString() => Message.ToString().Split("\r\n")[0] + (Destination is { } d ? " -> " + d : string.Empty);
}

/// <summary>In-memory <see cref="ISipTransport"/>: records every send (and tells it to a probe); sends to listed destinations fail.</summary>
public sealed class FakeTransport(IActorRef? observer = null) : ISipTransport
{
    public static readonly SipEndPoint LocalUdp = new(SipProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.100"), 5060));
    public static readonly SipEndPoint LocalTcp = new(SipProtocol.Tcp, new IPEndPoint(IPAddress.Parse("10.0.0.100"), 5060));

    public ConcurrentQueue<TransportSent> Sent { get; } = new();

    /// <summary>Destinations whose sends fail (as a refused TCP connection).</summary>
    public ConcurrentDictionary<SipEndPoint, bool> Unreachable { get; } = new();

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; set; } = [LocalUdp, LocalTcp];

    public IReadOnlyList<SipEndPoint> AdvertisedEndPoints { get; set; } = [LocalUdp, LocalTcp];

    public int UdpMtu { get; set; }

    public SipEndPoint GetLocalEndPoint(SipProtocol protocol) => AdvertisedEndPoints.First(e => e.Protocol == protocol);

    public ValueTask<SendResult> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        if (Unreachable.ContainsKey(destination))
        {
            return ValueTask.FromResult(SendResult.Failed("connection refused"));
        }

        Record(new TransportSent(SipParser.Parse(request.ToBytes()), destination));
        return ValueTask.FromResult(SendResult.Ok);
    }

    public ValueTask<SendResult> SendResponseAsync(SipResponse response, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        Record(new TransportSent(SipParser.Parse(response.ToBytes()), null));
        return ValueTask.FromResult(SendResult.Ok);
    }

    private void Record(TransportSent sent)
    {
        Sent.Enqueue(sent);
        observer?.Tell(sent);
    }
}
