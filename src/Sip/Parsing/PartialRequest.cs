using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Parsing;

/// <summary>
/// The header values salvaged from a request that failed to parse, as written, so that a 400 (or 505) can be
/// built from them as RFC 3261 8.2.6 requires.
/// </summary>
public sealed class PartialRequest
{
    internal PartialRequest(string method, IReadOnlyList<string> vias, string? from, string? to, string? callId, string? cseq)
    {
        Method = method;
        Vias = vias;
        From = from;
        To = to;
        CallId = callId;
        CSeq = cseq;
    }

    public string Method { get; }

    public IReadOnlyList<string> Vias { get; }

    public string? From { get; }

    public string? To { get; }

    public string? CallId { get; }

    public string? CSeq { get; }

    /// <summary>All headers a response must copy are present, and the request is not an ACK (which is never answered).</summary>
    public bool CanReply =>
        Method != SipMethods.Ack && Vias.Count > 0 && From is not null && To is not null && CallId is not null && CSeq is not null;

    /// <summary>Builds the response from the salvaged values, adding a To tag (RFC 3261 8.2.6.2).</summary>
    /// <exception cref="InvalidOperationException"><see cref="CanReply"/> is false.</exception>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null)
    {
        if (!CanReply)
        {
            throw new InvalidOperationException("Not enough of the request was salvaged to build a response.");
        }

        var response = new SipResponse(statusCode, reasonPhrase);
        foreach (var via in Vias)
        {
            response.Headers.Add(HeaderNames.Via, via);
        }

        response.Headers.Add(HeaderNames.From, From!);
        response.Headers.Add(HeaderNames.To, HasTag(To!) ? To! : To + ";tag=" + SipIds.NewTag());
        response.Headers.Add(HeaderNames.CallId, CallId!);
        response.Headers.Add(HeaderNames.CSeq, CSeq!);
        return response;
    }

    private static bool HasTag(string to)
    {
        try
        {
            return NameAddress.Parse(to).Tag is not null;
        }
        catch (SipParseException)
        {
            return to.Contains(";tag=", StringComparison.OrdinalIgnoreCase);
        }
    }
}
