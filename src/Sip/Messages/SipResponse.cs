using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>A SIP response: status code, reason phrase, headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    private readonly Range _reasonRange;
    private string? _reasonPhrase;

    /// <summary>Builds a response in code; the reason defaults to the standard phrase for the code.</summary>
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
        _reasonPhrase = CheckReason(reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode));
    }

    internal SipResponse(ReadOnlyMemory<byte> source, int startLineLength, HeaderEntry[] entries, int count, ReadOnlyMemory<byte> body, int statusCode, Range reasonRange)
        : base(source, startLineLength, entries, count, body)
    {
        StatusCode = statusCode;
        _reasonRange = reasonRange;
    }

    private SipResponse(SipResponse original)
        : base(original)
    {
        StatusCode = original.StatusCode;
        _reasonRange = original._reasonRange;
        _reasonPhrase = original._reasonPhrase;
    }

    public int StatusCode { get; }

    /// <summary>The reason phrase as received (may be empty, may be any UTF-8 text, RFC 4475 3.1.1.12-13).</summary>
    public string ReasonPhrase
    {
        get => _reasonPhrase ??= Lex.Text(Source.Span[_reasonRange]);
        set
        {
            _reasonPhrase = CheckReason(value);
            OnStartLineChanged();
        }
    }

    public string Version => SipVersion;

    public override bool IsRequest => false;

    public override SipResponse Clone() => new(this);

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsFinal => StatusCode >= 200;

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 8.2.6: Via (all, in order), From, To, Call-ID and CSeq
    /// copied; when To has no tag, <paramref name="toTag"/> is added, or a new random tag for any response
    /// but 100; Timestamp copied into a 100 (8.2.6.1).
    /// </summary>
    public static SipResponse CreateFor(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        var headers = request.Headers;
        for (var i = headers.FirstIndex(HeaderId.Via); i >= 0; i = headers.FirstIndex(HeaderId.Via, i + 1))
        {
            response.Headers.Add(HeaderId.Via, HeaderNames.Via, headers.ValueAt(i));
        }

        Copy(request, response, HeaderId.From, HeaderNames.From);
        if (headers.Get(HeaderId.To) is { } to)
        {
            var needsTag = request.To?.Tag is null && (toTag is not null || statusCode > 100);
            response.Headers.Add(HeaderId.To, HeaderNames.To, needsTag ? to + ";tag=" + (toTag ?? SipIds.NewTag()) : to);
        }

        Copy(request, response, HeaderId.CallId, HeaderNames.CallId);
        Copy(request, response, HeaderId.CSeq, HeaderNames.CSeq);
        if (statusCode == 100)
        {
            Copy(request, response, HeaderId.Timestamp, HeaderNames.Timestamp);
        }

        return response;
    }

    internal override void WriteStartLine(ref MessageWriter.Sink sink)
    {
        sink.Write("SIP/2.0 "u8);
        sink.Write(StatusCode.ToString(CultureInfo.InvariantCulture));
        sink.Write(" "u8);
        sink.Write(ReasonPhrase);
    }

    private static void Copy(SipRequest request, SipResponse response, HeaderId id, string name)
    {
        if (request.Headers.Get(id) is { } value)
        {
            response.Headers.Add(id, name, value);
        }
    }

    private static string CheckReason(string reason) =>
        reason.AsSpan().IndexOfAny('\r', '\n') < 0 ? reason : throw new ArgumentException("A reason phrase must not contain CR or LF.", nameof(reason));
}
