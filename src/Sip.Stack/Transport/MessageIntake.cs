using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// What every listener does with one datagram or stream frame: parse it, apply RFC 3581 received/rport to a request,
/// hand it to the sink, or count it as malformed and build the error response when one can be sent.
/// </summary>
internal sealed class MessageIntake(ISipMessageSink sink, TransportMetrics metrics, RateLimitedLog faults)
{
    /// <summary>Parses and delivers <paramref name="data"/>, which the parsed message keeps (do not reuse it).</summary>
    /// <returns>Null when the message was delivered or is to be dropped silently; otherwise the rejection.</returns>
    public Rejection? Accept(ReadOnlyMemory<byte> data, SipEndPoint local, SipEndPoint remote, long connectionId)
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
            if (request.TopVia is null)
            {
                // Without a Via there is nowhere to send an error response (RFC 3261 8.2.6.2).
                metrics.Malformed(local.Protocol, MalformedReason.Syntax);
                return new Rejection(MalformedReason.Syntax, null);
            }

            request.ApplyReceivedInfo(remote.Address.Address.ToString(), remote.Address.Port);
        }

        metrics.Received(local.Protocol, message.IsRequest);
        try
        {
            sink.OnMessage(new InboundMessage(message, local, remote, connectionId));
        }
        catch (Exception e)
        {
            // The sink must not throw; if it does, the listener still has to keep serving.
            metrics.SinkFailed();
            faults.Warning("Handing a message to the transaction layer", e, message.IsRequest ? "request from " + remote : "response from " + remote);
        }

        return null;
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
