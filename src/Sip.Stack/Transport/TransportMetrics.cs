using System.Diagnostics.Metrics;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The instruments of the "ClusterSip.Sip.Transport" meter. The per-message counts are observable instruments over
/// interlocked counters (a measurement callback per message would cost more than the count); rare events are plain counters.
/// </summary>
internal sealed class TransportMetrics : IDisposable
{
    private static readonly KeyValuePair<string, object?>[] Protocols =
        Enum.GetValues<SipProtocol>().Select(p => new KeyValuePair<string, object?>("protocol", p.ToString().ToLowerInvariant())).ToArray();

    private static readonly KeyValuePair<string, object?> Request = new("kind", "request");
    private static readonly KeyValuePair<string, object?> Response = new("kind", "response");
    private static readonly KeyValuePair<string, object?> Inbound = new("direction", "inbound");
    private static readonly KeyValuePair<string, object?> Outbound = new("direction", "outbound");
    private static readonly KeyValuePair<string, object?> SinkStage = new("stage", "sink");
    private static readonly KeyValuePair<string, object?> ReceiveStage = new("stage", "receive");
    private static readonly KeyValuePair<string, object?> PerSourceCap = new("cap", "per_source");
    private static readonly KeyValuePair<string, object?> TotalCap = new("cap", "total");
    private static readonly KeyValuePair<string, object?> TimedOut = new("reason", "timeout");
    private static readonly KeyValuePair<string, object?> Refused = new("reason", "refused");
    private static readonly KeyValuePair<string, object?> Replied = new("action", "reply");
    private static readonly KeyValuePair<string, object?> Dropped = new("action", "drop");

    private static readonly KeyValuePair<string, object?>[] Reasons =
        Enum.GetValues<MalformedReason>().Select(r => new KeyValuePair<string, object?>("reason", ReasonTag(r))).ToArray();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    // [protocol, request?1:0]: messages received and sent.
    private readonly long[,] _received = new long[Protocols.Length, 2];
    private readonly long[,] _sent = new long[Protocols.Length, 2];
    private readonly Counter<long> _sendFailures;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _keepAlives;
    private readonly UpDownCounter<long> _tcpConnections;
    private readonly Counter<long> _tcpRejected;
    private readonly Counter<long> _tcpReadTimeouts;
    private readonly Counter<long> _tlsHandshakeFailures;
    private readonly Counter<long> _pikeBlocked;
    private readonly Counter<long> _pikeRejected;
    private readonly Counter<long> _faults;

    public TransportMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(SipTransportLayer.MeterName)) ?? new Meter(SipTransportLayer.MeterName);
        _meter.CreateObservableCounter("messages.received", () => Observe(_received), "{message}", "Parsed SIP messages received, by protocol and kind.");
        _meter.CreateObservableCounter("messages.sent", () => Observe(_sent), "{message}", "SIP messages sent, by protocol and kind.");
        _sendFailures = _meter.CreateCounter<long>("send.failures", "{message}", "Sends that failed, by protocol.");
        _malformed = _meter.CreateCounter<long>("malformed", "{message}", "Inbound messages rejected, by protocol and reason.");
        _keepAlives = _meter.CreateCounter<long>("keepalives.answered", "{ping}", "RFC 5626 double-CRLF pings answered.");
        _tcpConnections = _meter.CreateUpDownCounter<long>("tcp.connections", "{connection}", "Open TCP and TLS connections, by protocol and direction.");
        _tcpRejected = _meter.CreateCounter<long>("tcp.connections.rejected", "{connection}", "Inbound TCP and TLS connections closed on accept, by the cap they met (per_source, total).");
        _tcpReadTimeouts = _meter.CreateCounter<long>("tcp.read.timeouts", "{connection}", "TCP and TLS connections closed because a message was not complete within tcp-message-read-timeout.");
        _tlsHandshakeFailures = _meter.CreateCounter<long>("tls.handshake.failures", "{connection}", "TLS handshakes that failed, by direction and reason (timeout, refused).");
        _pikeBlocked = _meter.CreateCounter<long>("pike.blocked", "{source}", "Sources blocked for sending more requests than cluster-sip.sip.pike allows.");
        _pikeRejected = _meter.CreateCounter<long>("pike.rejected", "{message}", "Messages of blocked sources refused, by protocol and action (reply: 503, drop).");
        _faults = _meter.CreateCounter<long>("faults", "{fault}", "Unexpected exceptions caught so that a listener keeps serving, by stage (sink, receive).");
    }

    public static string ReasonTag(MalformedReason reason) => reason switch
    {
        MalformedReason.Syntax => "syntax",
        MalformedReason.UnsupportedVersion => "unsupported_version",
        MalformedReason.Unrecognized => "unrecognized",
        MalformedReason.Framing => "framing",
        _ => "too_large",
    };

    public void Received(SipProtocol protocol, bool request) => Interlocked.Increment(ref _received[Index(protocol), request ? 1 : 0]);

    public void Sent(SipProtocol protocol, bool request) => Interlocked.Increment(ref _sent[Index(protocol), request ? 1 : 0]);

    public void SendFailed(SipProtocol protocol) => _sendFailures.Add(1, Protocol(protocol));

    public void Malformed(SipProtocol protocol, MalformedReason reason) => _malformed.Add(1, Protocol(protocol), Reasons[(int)reason]);

    public void KeepAliveAnswered(SipProtocol protocol) => _keepAlives.Add(1, Protocol(protocol));

    public void ConnectionOpened(SipProtocol protocol, bool inbound) => _tcpConnections.Add(1, Protocol(protocol), inbound ? Inbound : Outbound);

    public void ConnectionClosed(SipProtocol protocol, bool inbound) => _tcpConnections.Add(-1, Protocol(protocol), inbound ? Inbound : Outbound);

    public void TlsHandshakeFailed(bool inbound, bool timedOut) => _tlsHandshakeFailures.Add(1, inbound ? Inbound : Outbound, timedOut ? TimedOut : Refused);

    public void TcpConnectionRejected(bool perSource) => _tcpRejected.Add(1, perSource ? PerSourceCap : TotalCap);

    public void TcpReadTimedOut() => _tcpReadTimeouts.Add(1);

    public void PikeBlocked() => _pikeBlocked.Add(1);

    public void PikeRejected(SipProtocol protocol, bool replied) => _pikeRejected.Add(1, Protocol(protocol), replied ? Replied : Dropped);

    public void SinkFailed() => _faults.Add(1, SinkStage);

    public void ReceiveFailed() => _faults.Add(1, ReceiveStage);

    public void Dispose()
    {
        // A factory disposes the meters it created.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?> Protocol(SipProtocol protocol) => Protocols[Index(protocol)];

    private static int Index(SipProtocol protocol) => (int)protocol;

    private static IEnumerable<Measurement<long>> Observe(long[,] counts)
    {
        for (var p = 0; p < Protocols.Length; p++)
        {
            var protocol = Protocols[p];
            yield return new Measurement<long>(Volatile.Read(ref counts[p, 1]), protocol, Request);
            yield return new Measurement<long>(Volatile.Read(ref counts[p, 0]), protocol, Response);
        }
    }
}
