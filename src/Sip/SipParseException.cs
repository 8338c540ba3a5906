using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip;

/// <summary>
/// The only exception the parser (and the typed header accessors) raise for malformed input. When the input looked
/// like a request, <see cref="PartialRequest"/> holds what could be salvaged so that the transport can still answer
/// with <see cref="StatusCode"/> (RFC 3261 8.2: 400, or 505 for an unsupported version).
/// </summary>
public sealed class SipParseException : Exception
{
    public SipParseException(string reason)
        : this(reason, 400, null, null)
    {
    }

    public SipParseException(string reason, int statusCode, PartialRequest? partialRequest, Exception? innerException)
        : base(reason, innerException)
    {
        Reason = reason;
        StatusCode = statusCode;
        PartialRequest = partialRequest;
    }

    /// <summary>Why the input was rejected, fit for a log line.</summary>
    public string Reason { get; }

    /// <summary>The status an element should answer with when <see cref="CanReply"/>: 400, or 505 for a SIP version other than 2.0.</summary>
    public int StatusCode { get; }

    /// <summary>What was salvaged when the input looked like a request; null for responses and unrecognisable input.</summary>
    public PartialRequest? PartialRequest { get; }

    public bool LooksLikeRequest => PartialRequest is not null;

    /// <summary>True when enough was salvaged to build an error response (never for ACK, RFC 3261 17.1.1.3).</summary>
    public bool CanReply => PartialRequest is { CanReply: true };

    /// <summary>The error response to send back, or null when <see cref="CanReply"/> is false.</summary>
    public SipResponse? CreateErrorResponse() => CanReply ? PartialRequest!.CreateResponse(StatusCode) : null;
}
