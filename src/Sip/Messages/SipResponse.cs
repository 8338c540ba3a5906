using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>A SIP response: status code, reason phrase, headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    // After the Vias, the first line of each (RFC 3261 8.2.6.2; a 100 copies Timestamp too, 8.2.6.1).
    private static readonly HeaderId[] Copied = [HeaderId.From, HeaderId.To, HeaderId.CallId, HeaderId.CSeq];
    private static readonly HeaderId[] CopiedInto100 = [.. Copied, HeaderId.Timestamp];

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

    private SipResponse(int statusCode, string? reasonPhrase, ReadOnlyMemory<byte> source, HeaderEntry[] entries, int count)
        : base(source, entries, count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
        _reasonPhrase = CheckReason(reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode));
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
        // The lines are the request's own lines (offsets into its buffer, or its values set in code): nothing is
        // decoded or copied into strings, and the response shares the request's buffer.
        var lines = request.Headers.Entries;
        var entries = new HeaderEntry[lines.Length + 1];
        var count = 0;
        var to = -1;
        foreach (ref readonly var line in lines)
        {
            if (line.Id == HeaderId.Via)
            {
                entries[count++] = line;
            }
        }

        foreach (var id in statusCode == 100 ? CopiedInto100 : Copied)
        {
            foreach (ref readonly var line in lines)
            {
                if (line.Id == id)
                {
                    to = id == HeaderId.To ? count : to;
                    entries[count++] = line;
                    break;
                }
            }
        }

        var response = new SipResponse(statusCode, reasonPhrase, request.Source, entries, count);
        if (to >= 0 && request.ToTag is null && (toTag is not null || statusCode > 100))
        {
            response.Headers.SetAt(to, response.Headers.ValueAt(to) + ";tag=" + (toTag ?? SipIds.NewTag()));
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

    private static string CheckReason(string reason) =>
        reason.AsSpan().IndexOfAny('\r', '\n') < 0 ? reason : throw new ArgumentException("A reason phrase must not contain CR or LF.", nameof(reason));
}
