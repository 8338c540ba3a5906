using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Validation;

/// <summary>
/// The request checks of RFC 3261 8.2 (UAS) and 16.3 (proxy) that need no state: which response, if any, an
/// element must answer before processing a parsed request.
/// </summary>
public static class SipRequestValidator
{
    private static readonly HeaderId[] Mandatory = [HeaderId.Via, HeaderId.From, HeaderId.To, HeaderId.CallId, HeaderId.CSeq];

    private static readonly HeaderId[] SingleValued =
        [HeaderId.From, HeaderId.To, HeaderId.CallId, HeaderId.CSeq, HeaderId.MaxForwards, HeaderId.ContentLength, HeaderId.ContentType];

    public static SipValidationResult Validate(SipRequest request, SipValidationOptions? options = null)
    {
        options ??= new SipValidationOptions();
        try
        {
            return Structure(request)
                ?? Method(request, options)
                ?? RequestUri(request, options)
                ?? Hops(request, options)
                ?? Extensions(request, options)
                ?? Content(request, options)
                ?? Registrar(request, options)
                ?? SipValidationResult.Valid;
        }
        catch (SipParseException e)
        {
            return SipValidationResult.Reject(400, e.Reason);
        }
    }

    /// <summary>
    /// Mandatory headers present (8.1.1; Max-Forwards is not required of RFC 2543 peers, RFC 4475 3.4), single-valued
    /// ones not repeated (RFC 4475 3.3.9, 3.3.10), and every header a later step reads well formed.
    /// </summary>
    private static SipValidationResult? Structure(SipRequest request)
    {
        foreach (var id in Mandatory)
        {
            if (request.Headers.FirstIndex(id) < 0)
            {
                return SipValidationResult.Reject(400, "missing " + HeaderNames.CanonicalName(id) + " header");
            }
        }

        foreach (var id in SingleValued)
        {
            var first = request.Headers.FirstIndex(id);
            if (first >= 0 && request.Headers.FirstIndex(id, first + 1) >= 0)
            {
                return SipValidationResult.Reject(400, "more than one " + HeaderNames.CanonicalName(id) + " header");
            }
        }

        // Checked on the bytes, in the order the typed accessors would fail: a proxy forwards most of these headers
        // without ever building them as objects.
        var error = CheckChangedVias(request)
            ?? Read(request.MaxForwards)
            ?? CheckAddressLines(request, HeaderId.Contact, allowWildcard: true)
            ?? CheckAddressLines(request, HeaderId.Route, allowWildcard: false)
            ?? CheckAddressLines(request, HeaderId.RecordRoute, allowWildcard: false)
            ?? (Value(request, HeaderId.ContentType, out var type) ? HeaderSyntax.ReadMediaType(type, out _, out _, out _) : null)
            ?? Read(request.ContentLength)
            ?? (Value(request, HeaderId.Event, out var ev) ? HeaderSyntax.ReadTokenWithParameters(ev, HeaderNames.Event, out _, out _) : null)
            ?? (Value(request, HeaderId.SubscriptionState, out var state) ? HeaderSyntax.ReadTokenWithParameters(state, HeaderNames.SubscriptionState, out _, out _) : null);
        return error is null ? null : SipValidationResult.Reject(400, error);
    }

    /// <summary>Received Via lines were checked by the parser; only lines changed since need checking.</summary>
    private static string? CheckChangedVias(SipRequest request)
    {
        for (var i = request.Headers.FirstIndex(HeaderId.Via); i >= 0; i = request.Headers.FirstIndex(HeaderId.Via, i + 1))
        {
            if (!request.Headers.IsVerbatim(i) && HeaderSyntax.ValidateVias(request.Headers.ValueBytes(i)) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckAddressLines(SipRequest request, HeaderId id, bool allowWildcard)
    {
        for (var i = request.Headers.FirstIndex(id); i >= 0; i = request.Headers.FirstIndex(id, i + 1))
        {
            if (HeaderSyntax.ValidateAddressList(request.Headers.ValueBytes(i), allowWildcard, HeaderNames.CanonicalName(id)) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Max-Forwards and Content-Length are read through their accessors (which throw when malformed): every hop reads them.</summary>
    private static string? Read(int? _) => null;

    /// <summary>The first line's value: the only one the typed accessor of a single-valued header reads.</summary>
    private static bool Value(SipRequest request, HeaderId id, out ReadOnlySpan<byte> value)
    {
        var i = request.Headers.FirstIndex(id);
        value = i < 0 ? default : request.Headers.ValueBytes(i);
        return i >= 0;
    }

    /// <summary>CSeq method must match (8.1.1.5); for an unknown method 501 is preferred (RFC 4475 3.1.2.18).</summary>
    private static SipValidationResult? Method(SipRequest request, SipValidationOptions options)
    {
        var known = options.KnownMethods.Contains(request.Method);
        if (request.CSeq!.Method != request.Method)
        {
            return known
                ? SipValidationResult.Reject(400, "CSeq method " + request.CSeq.Method + " does not match " + request.Method)
                : SipValidationResult.Reject(501, "unknown method " + request.Method + " (and CSeq method mismatch)");
        }

        return !known && options.Role != ElementRole.Proxy
            ? SipValidationResult.Reject(501, "method " + request.Method + " is not implemented")
            : null;
    }

    /// <summary>416 for schemes not handled (8.2.2.1, 16.3 step 2); 400 for headers in a Request-URI (19.1.1, RFC 4475 3.1.2.11).</summary>
    private static SipValidationResult? RequestUri(SipRequest request, SipValidationOptions options)
    {
        var uri = request.RequestUri;
        if (!options.SupportedUriSchemes.Contains(uri.Scheme))
        {
            return SipValidationResult.Reject(416, "unsupported Request-URI scheme '" + uri.Scheme + "'");
        }

        return uri is SipUri { Headers.Count: > 0 }
            ? SipValidationResult.Reject(400, "Request-URI must not contain headers")
            : null;
    }

    /// <summary>16.3 step 3: a proxy must not forward a request whose Max-Forwards is 0.</summary>
    private static SipValidationResult? Hops(SipRequest request, SipValidationOptions options) =>
        options.Role == ElementRole.Proxy && request.MaxForwards == 0
            ? SipValidationResult.Reject(483, "Max-Forwards is 0")
            : null;

    /// <summary>
    /// 420 listing the unsupported option tags: Proxy-Require for a proxy (16.3 step 5), Require for a UAS except on
    /// ACK and CANCEL (8.2.2.3).
    /// </summary>
    private static SipValidationResult? Extensions(SipRequest request, SipValidationOptions options)
    {
        IReadOnlyList<string> required;
        if (options.Role == ElementRole.Proxy)
        {
            required = request.ProxyRequire;
        }
        else if (request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return null;
        }
        else
        {
            required = request.Require;
        }

        List<string>? unsupported = null;
        foreach (var tag in required)
        {
            if (!options.SupportedOptionTags.Contains(tag))
            {
                (unsupported ??= []).Add(tag);
            }
        }

        return unsupported is null
            ? null
            : new SipValidationResult(420, "unsupported extension " + string.Join(", ", unsupported), unsupported);
    }

    /// <summary>415 for a body the UAS cannot read (8.2.3); 406 when an INVITE accepts none of its types (21.4.7).</summary>
    private static SipValidationResult? Content(SipRequest request, SipValidationOptions options)
    {
        if (options.Role == ElementRole.Proxy || options.SupportedContentTypes is not { } supported)
        {
            return null;
        }

        if (!request.Body.IsEmpty && request.ContentType is { } type && !supported.Contains(type.MimeType))
        {
            return SipValidationResult.Reject(415, "unsupported body type " + type.MimeType);
        }

        if (request.Method == SipMethods.Invite && request.Headers.Contains(HeaderNames.Accept))
        {
            var accepted = request.Headers.GetValues(HeaderNames.Accept);
            if (!supported.Any(s => accepted.Any(a => MediaRangeMatches(a, s))))
            {
                return SipValidationResult.Reject(406, "no acceptable body type in Accept");
            }
        }

        return null;
    }

    /// <summary>RFC 3261 10.3 step 5 needs a SIP or SIPS address-of-record in To (RFC 4475 3.3.4).</summary>
    private static SipValidationResult? Registrar(SipRequest request, SipValidationOptions options) =>
        options.Role == ElementRole.Registrar && request.Method == SipMethods.Register && request.To!.Uri is not SipUri
            ? SipValidationResult.Reject(400, "the address-of-record in To must be a SIP or SIPS URI")
            : null;

    private static bool MediaRangeMatches(string range, string mimeType)
    {
        var semicolon = range.IndexOf(';');
        var r = (semicolon < 0 ? range : range[..semicolon]).Trim();
        if (r == "*/*")
        {
            return true;
        }

        if (r.EndsWith("/*", StringComparison.Ordinal))
        {
            return mimeType.StartsWith(r[..^1], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(r, mimeType, StringComparison.OrdinalIgnoreCase);
    }
}
