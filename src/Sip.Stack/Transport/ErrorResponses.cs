using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The responses a transport sends on its own: 400/505 for unparseable input, 513 for oversized input.</summary>
internal static class ErrorResponses
{
    private const int MaxReasonLength = 200;

    /// <summary>The parser's 400/505 with the parse failure in the reason phrase; null when no reply is possible.</summary>
    public static SipResponse? For(SipParseException e)
    {
        var response = e.CreateErrorResponse();
        if (response is not null)
        {
            response.ReasonPhrase = response.ReasonPhrase + " (" + Sanitize(e.Reason) + ")";
        }

        return response;
    }

    /// <summary>A 513 (RFC 3261 21.5.14) for a message too large to accept, built from whatever of it was received.</summary>
    public static SipResponse? TooLarge(ReadOnlyMemory<byte> received) => FromReceived(received, 513, null);

    /// <summary>A 400 for a stream that cannot be framed (RFC 3261 18.3), built from whatever was received.</summary>
    public static SipResponse? Unframeable(ReadOnlyMemory<byte> received, string reason) =>
        FromReceived(received, 400, "Bad Request (" + Sanitize(reason) + ")");

    /// <summary>Null when not even the headers a response copies (RFC 3261 8.2.6) can be salvaged, or for an ACK.</summary>
    private static SipResponse? FromReceived(ReadOnlyMemory<byte> received, int statusCode, string? reasonPhrase)
    {
        try
        {
            return SipParser.Parse(received) is SipRequest { TopVia: not null } request && request.Method != SipMethods.Ack
                ? SipResponse.CreateFor(request, statusCode, reasonPhrase)
                : null;
        }
        catch (SipParseException e) when (e.PartialRequest is { CanReply: true } partial)
        {
            return partial.CreateResponse(statusCode, reasonPhrase);
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    /// <summary>A reason phrase is one line of UTF-8 text (RFC 3261 25.1); parser messages may quote raw input.</summary>
    private static string Sanitize(string reason)
    {
        var text = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        return string.Create(text.Length, text, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? ' ' : s[i];
            }
        });
    }
}
