using System.Globalization;
using System.Net;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// What every listener does with one datagram or stream frame: parse it, check a request's source against the pike,
/// apply RFC 3581 received/rport to a request, hand it to the sink, or count it as malformed (or rate limited) and
/// build the error response when one can be sent.
/// </summary>
internal sealed class MessageIntake(ISipMessageSink sink, TransportMetrics metrics, RateLimitedLog faults, Pike pike)
{
    /// <summary>
    /// A datagram from a source the pike blocks, to drop before parsing when blocked UDP sources are dropped: a flood
    /// then costs a lookup per datagram (responses from that source are dropped with its requests).
    /// </summary>
    public bool DropsUnparsed(IPAddress source)
    {
        if (pike.UdpAction != PikeUdpAction.Drop || !pike.IsBlocked(source))
        {
            return false;
        }

        metrics.PikeRejected(SipProtocol.Udp, replied: false);
        return true;
    }

    /// <summary>Parses and delivers <paramref name="data"/>, which the parsed message keeps (do not reuse it).</summary>
    /// <returns>Null when the message was delivered or is to be dropped silently; otherwise the rejection.</returns>
    public Rejection? Accept(ReadOnlyMemory<byte> data, SipEndPoint local, SipEndPoint remote, long connectionId, bool overloaded = false)
    {
        SipMessage message;
        try
        {
            message = SipParser.Parse(data);
        }
        catch (SipParseException e)
        {
            var reason = Classify(e, data.Span);
            metrics.Malformed(local.Protocol, reason);
            return new Rejection(reason, ErrorResponses.For(e));
        }

        if (message is SipRequest request)
        {
            if (!request.Headers.Contains(HeaderNames.Via))
            {
                // Without a Via there is nowhere to send an error response (RFC 3261 8.2.6.2).
                metrics.Malformed(local.Protocol, MalformedReason.Syntax);
                return new Rejection(MalformedReason.Syntax, null);
            }

            if (!pike.Allow(remote.Address.Address))
            {
                return RateLimited(request, local.Protocol);
            }

            if (remote.Protocol is SipProtocol.Ws or SipProtocol.Wss && request.TopVia is { HasRport: false } top)
            {
                // A WebSocket client is reached only over its connection: received and rport name it (Kamailio's force_rport).
                request.SetTopVia(top.WithParameter("rport"));
            }

            request.ApplyReceivedInfo(remote.Address.Address.ToString(), remote.Address.Port);
        }

        ContactAlias.AddTo(message, remote);

        metrics.Received(local.Protocol, message.IsRequest);
        try
        {
            sink.OnMessage(new InboundMessage(message, local, remote, connectionId, overloaded));
        }
        catch (Exception e)
        {
            // The sink must not throw; if it does, the listener still has to keep serving.
            metrics.SinkFailed();
            faults.Warning("Handing a message to the transaction layer", e, message.IsRequest ? "request from " + remote : "response from " + remote);
        }

        return null;
    }

    /// <summary>503 with Retry-After (RFC 3261 21.5.4) for the block time; nothing for an ACK, nor for UDP when blocked UDP sources are dropped.</summary>
    private Rejection RateLimited(SipRequest request, SipProtocol protocol)
    {
        var reply = request.Method != SipMethods.Ack && (protocol != SipProtocol.Udp || pike.UdpAction == PikeUdpAction.Reply);
        metrics.PikeRejected(protocol, reply);
        if (!reply)
        {
            return new Rejection(null, null);
        }

        var response = SipResponse.CreateFor(request, 503, "Service Unavailable (rate limited)");
        response.Headers.Add(HeaderNames.RetryAfter, pike.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return new Rejection(null, response);
    }

    private static MalformedReason Classify(SipParseException e, ReadOnlySpan<byte> data)
    {
        if (e.StatusCode == 505)
        {
            return MalformedReason.UnsupportedVersion;
        }

        var start = data.TrimStart("\r\n"u8);
        return e.LooksLikeRequest || start.StartsWith("SIP/"u8) ? MalformedReason.Syntax : MalformedReason.Unrecognized;
    }
}
