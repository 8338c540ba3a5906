using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>
/// Canonical header names, and the mapping of full and compact forms (RFC 3261 7.3.3, RFC 3265, 3515, 3841,
/// 3892, 4028, 4474) to <see cref="HeaderId"/>. Names compare case-insensitively and without allocating.
/// </summary>
public static class HeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string MaxForwards = "Max-Forwards";
    public const string Contact = "Contact";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Expires = "Expires";
    public const string ContentType = "Content-Type";
    public const string ContentLength = "Content-Length";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentLanguage = "Content-Language";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";
    public const string AllowEvents = "Allow-Events";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string Authorization = "Authorization";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string AuthenticationInfo = "Authentication-Info";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string AcceptLanguage = "Accept-Language";
    public const string AlertInfo = "Alert-Info";
    public const string CallInfo = "Call-Info";
    public const string Date = "Date";
    public const string ErrorInfo = "Error-Info";
    public const string InReplyTo = "In-Reply-To";
    public const string MimeVersion = "MIME-Version";
    public const string MinExpires = "Min-Expires";
    public const string Organization = "Organization";
    public const string Priority = "Priority";
    public const string ReplyTo = "Reply-To";
    public const string RetryAfter = "Retry-After";
    public const string Server = "Server";
    public const string Subject = "Subject";
    public const string Timestamp = "Timestamp";
    public const string UserAgent = "User-Agent";
    public const string Warning = "Warning";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string SessionExpires = "Session-Expires";
    public const string MinSE = "Min-SE";
    public const string AcceptContact = "Accept-Contact";
    public const string RejectContact = "Reject-Contact";
    public const string RequestDisposition = "Request-Disposition";
    public const string Identity = "Identity";
    public const string IdentityInfo = "Identity-Info";
    public const string Path = "Path";
    public const string ServiceRoute = "Service-Route";
    public const string RSeq = "RSeq";
    public const string RAck = "RAck";
    public const string Replaces = "Replaces";
    public const string SipETag = "SIP-ETag";
    public const string SipIfMatch = "SIP-If-Match";
    public const string Reason = "Reason";
    public const string PAssertedIdentity = "P-Asserted-Identity";
    public const string PPreferredIdentity = "P-Preferred-Identity";
    public const string Privacy = "Privacy";

    private const int MaxKnownLength = 24;

    private static readonly string[] Canonical =
    [
        string.Empty,
        "Via",
        "From",
        "To",
        "Call-ID",
        "CSeq",
        "Max-Forwards",
        "Contact",
        "Route",
        "Record-Route",
        "Expires",
        "Content-Type",
        "Content-Length",
        "Content-Encoding",
        "Content-Disposition",
        "Content-Language",
        "Event",
        "Subscription-State",
        "Allow-Events",
        "Supported",
        "Require",
        "Proxy-Require",
        "Unsupported",
        "Authorization",
        "WWW-Authenticate",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "Authentication-Info",
        "Allow",
        "Accept",
        "Accept-Encoding",
        "Accept-Language",
        "Alert-Info",
        "Call-Info",
        "Date",
        "Error-Info",
        "In-Reply-To",
        "MIME-Version",
        "Min-Expires",
        "Organization",
        "Priority",
        "Reply-To",
        "Retry-After",
        "Server",
        "Subject",
        "Timestamp",
        "User-Agent",
        "Warning",
        "Refer-To",
        "Referred-By",
        "Session-Expires",
        "Min-SE",
        "Accept-Contact",
        "Reject-Contact",
        "Request-Disposition",
        "Identity",
        "Identity-Info",
        "Path",
        "Service-Route",
        "RSeq",
        "RAck",
        "Replaces",
        "SIP-ETag",
        "SIP-If-Match",
        "Reason",
        "P-Asserted-Identity",
        "P-Preferred-Identity",
        "Privacy",
    ];

    /// <summary>The canonical full name for a full or compact name; unknown names are returned unchanged.</summary>
    public static string Canonicalize(string name)
    {
        var id = Identify(name);
        return id == HeaderId.Unknown ? name : Canonical[(int)id];
    }

    /// <summary>True when both names denote the same header field (compact forms included).</summary>
    public static bool AreSame(string a, string b)
    {
        var id = Identify(a);
        return id == HeaderId.Unknown ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : id == Identify(b);
    }

    /// <summary>The compact form RFC 3261 7.3.3 (or an extension) assigns to the header, if any.</summary>
    public static string? CompactForm(string name) => Compact(Identify(name));

    internal static string CanonicalName(HeaderId id) => Canonical[(int)id];

    /// <summary>Identifies a header name given as bytes; only token characters can match.</summary>
    internal static HeaderId Identify(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= MaxKnownLength && Lex.Span(name, 0, CharClass.Token) == name.Length ? Lookup(name) : HeaderId.Unknown;

    internal static HeaderId Identify(string name)
    {
        if (name.Length is 0 or > MaxKnownLength)
        {
            return HeaderId.Unknown;
        }

        Span<byte> bytes = stackalloc byte[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] >= 0x80)
            {
                return HeaderId.Unknown;
            }

            bytes[i] = (byte)name[i];
        }

        return Identify(bytes);
    }

    /// <summary>Matches a header name (token characters only) by length, first letter and case-folded bytes.</summary>
    private static HeaderId Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "a"u8) ? HeaderId.AcceptContact : HeaderId.Unknown,
            'b' => Is(name, "b"u8) ? HeaderId.ReferredBy : HeaderId.Unknown,
            'c' => Is(name, "c"u8) ? HeaderId.ContentType : HeaderId.Unknown,
            'd' => Is(name, "d"u8) ? HeaderId.RequestDisposition : HeaderId.Unknown,
            'e' => Is(name, "e"u8) ? HeaderId.ContentEncoding : HeaderId.Unknown,
            'f' => Is(name, "f"u8) ? HeaderId.From : HeaderId.Unknown,
            'i' => Is(name, "i"u8) ? HeaderId.CallId : HeaderId.Unknown,
            'j' => Is(name, "j"u8) ? HeaderId.RejectContact : HeaderId.Unknown,
            'k' => Is(name, "k"u8) ? HeaderId.Supported : HeaderId.Unknown,
            'l' => Is(name, "l"u8) ? HeaderId.ContentLength : HeaderId.Unknown,
            'm' => Is(name, "m"u8) ? HeaderId.Contact : HeaderId.Unknown,
            'n' => Is(name, "n"u8) ? HeaderId.IdentityInfo : HeaderId.Unknown,
            'o' => Is(name, "o"u8) ? HeaderId.Event : HeaderId.Unknown,
            'r' => Is(name, "r"u8) ? HeaderId.ReferTo : HeaderId.Unknown,
            's' => Is(name, "s"u8) ? HeaderId.Subject : HeaderId.Unknown,
            't' => Is(name, "t"u8) ? HeaderId.To : HeaderId.Unknown,
            'u' => Is(name, "u"u8) ? HeaderId.AllowEvents : HeaderId.Unknown,
            'v' => Is(name, "v"u8) ? HeaderId.Via : HeaderId.Unknown,
            'x' => Is(name, "x"u8) ? HeaderId.SessionExpires : HeaderId.Unknown,
            'y' => Is(name, "y"u8) ? HeaderId.Identity : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        2 => Is(name, "to"u8) ? HeaderId.To : HeaderId.Unknown,
        3 => Is(name, "via"u8) ? HeaderId.Via : HeaderId.Unknown,
        4 => (name[0] | 0x20) switch
        {
            'c' => Is(name, "cseq"u8) ? HeaderId.CSeq : HeaderId.Unknown,
            'd' => Is(name, "date"u8) ? HeaderId.Date : HeaderId.Unknown,
            'f' => Is(name, "from"u8) ? HeaderId.From : HeaderId.Unknown,
            'p' => Is(name, "path"u8) ? HeaderId.Path : HeaderId.Unknown,
            'r' => Is(name, "rseq"u8) ? HeaderId.RSeq : Is(name, "rack"u8) ? HeaderId.RAck : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        5 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "allow"u8) ? HeaderId.Allow : HeaderId.Unknown,
            'e' => Is(name, "event"u8) ? HeaderId.Event : HeaderId.Unknown,
            'r' => Is(name, "route"u8) ? HeaderId.Route : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        6 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "accept"u8) ? HeaderId.Accept : HeaderId.Unknown,
            'm' => Is(name, "min-se"u8) ? HeaderId.MinSE : HeaderId.Unknown,
            'r' => Is(name, "reason"u8) ? HeaderId.Reason : HeaderId.Unknown,
            's' => Is(name, "server"u8) ? HeaderId.Server : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        7 => (name[0] | 0x20) switch
        {
            'c' => Is(name, "call-id"u8) ? HeaderId.CallId : Is(name, "contact"u8) ? HeaderId.Contact : HeaderId.Unknown,
            'e' => Is(name, "expires"u8) ? HeaderId.Expires : HeaderId.Unknown,
            'p' => Is(name, "privacy"u8) ? HeaderId.Privacy : HeaderId.Unknown,
            'r' => Is(name, "require"u8) ? HeaderId.Require : HeaderId.Unknown,
            's' => Is(name, "subject"u8) ? HeaderId.Subject : HeaderId.Unknown,
            'w' => Is(name, "warning"u8) ? HeaderId.Warning : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        8 => (name[0] | 0x20) switch
        {
            'i' => Is(name, "identity"u8) ? HeaderId.Identity : HeaderId.Unknown,
            'p' => Is(name, "priority"u8) ? HeaderId.Priority : HeaderId.Unknown,
            'r' => Is(name, "reply-to"u8) ? HeaderId.ReplyTo : Is(name, "refer-to"u8) ? HeaderId.ReferTo : Is(name, "replaces"u8) ? HeaderId.Replaces : HeaderId.Unknown,
            's' => Is(name, "sip-etag"u8) ? HeaderId.SipETag : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        9 => (name[0] | 0x20) switch
        {
            'c' => Is(name, "call-info"u8) ? HeaderId.CallInfo : HeaderId.Unknown,
            's' => Is(name, "supported"u8) ? HeaderId.Supported : HeaderId.Unknown,
            't' => Is(name, "timestamp"u8) ? HeaderId.Timestamp : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        10 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "alert-info"u8) ? HeaderId.AlertInfo : HeaderId.Unknown,
            'e' => Is(name, "error-info"u8) ? HeaderId.ErrorInfo : HeaderId.Unknown,
            'u' => Is(name, "user-agent"u8) ? HeaderId.UserAgent : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        11 => (name[0] | 0x20) switch
        {
            'i' => Is(name, "in-reply-to"u8) ? HeaderId.InReplyTo : HeaderId.Unknown,
            'm' => Is(name, "min-expires"u8) ? HeaderId.MinExpires : HeaderId.Unknown,
            'r' => Is(name, "retry-after"u8) ? HeaderId.RetryAfter : Is(name, "referred-by"u8) ? HeaderId.ReferredBy : HeaderId.Unknown,
            'u' => Is(name, "unsupported"u8) ? HeaderId.Unsupported : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        12 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "allow-events"u8) ? HeaderId.AllowEvents : HeaderId.Unknown,
            'c' => Is(name, "content-type"u8) ? HeaderId.ContentType : HeaderId.Unknown,
            'm' => Is(name, "max-forwards"u8) ? HeaderId.MaxForwards : Is(name, "mime-version"u8) ? HeaderId.MimeVersion : HeaderId.Unknown,
            'o' => Is(name, "organization"u8) ? HeaderId.Organization : HeaderId.Unknown,
            'r' => Is(name, "record-route"u8) ? HeaderId.RecordRoute : HeaderId.Unknown,
            's' => Is(name, "sip-if-match"u8) ? HeaderId.SipIfMatch : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        13 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "authorization"u8) ? HeaderId.Authorization : HeaderId.Unknown,
            'i' => Is(name, "identity-info"u8) ? HeaderId.IdentityInfo : HeaderId.Unknown,
            'p' => Is(name, "proxy-require"u8) ? HeaderId.ProxyRequire : HeaderId.Unknown,
            's' => Is(name, "service-route"u8) ? HeaderId.ServiceRoute : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        14 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "accept-contact"u8) ? HeaderId.AcceptContact : HeaderId.Unknown,
            'c' => Is(name, "content-length"u8) ? HeaderId.ContentLength : HeaderId.Unknown,
            'r' => Is(name, "reject-contact"u8) ? HeaderId.RejectContact : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        15 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "accept-encoding"u8) ? HeaderId.AcceptEncoding : Is(name, "accept-language"u8) ? HeaderId.AcceptLanguage : HeaderId.Unknown,
            's' => Is(name, "session-expires"u8) ? HeaderId.SessionExpires : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        16 => (name[0] | 0x20) switch
        {
            'c' => Is(name, "content-encoding"u8) ? HeaderId.ContentEncoding : Is(name, "content-language"u8) ? HeaderId.ContentLanguage : HeaderId.Unknown,
            'w' => Is(name, "www-authenticate"u8) ? HeaderId.WwwAuthenticate : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        18 => (name[0] | 0x20) switch
        {
            'p' => Is(name, "proxy-authenticate"u8) ? HeaderId.ProxyAuthenticate : HeaderId.Unknown,
            's' => Is(name, "subscription-state"u8) ? HeaderId.SubscriptionState : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        19 => (name[0] | 0x20) switch
        {
            'a' => Is(name, "authentication-info"u8) ? HeaderId.AuthenticationInfo : HeaderId.Unknown,
            'c' => Is(name, "content-disposition"u8) ? HeaderId.ContentDisposition : HeaderId.Unknown,
            'p' => Is(name, "proxy-authorization"u8) ? HeaderId.ProxyAuthorization : Is(name, "p-asserted-identity"u8) ? HeaderId.PAssertedIdentity : HeaderId.Unknown,
            'r' => Is(name, "request-disposition"u8) ? HeaderId.RequestDisposition : HeaderId.Unknown,
            _ => HeaderId.Unknown,
        },
        20 => Is(name, "p-preferred-identity"u8) ? HeaderId.PPreferredIdentity : HeaderId.Unknown,
        _ => HeaderId.Unknown,
    };

    /// <summary>
    /// Case-insensitive equality with a lower-case name made of letters and hyphens. OR-ing 0x20 folds letters and
    /// cannot turn any other token character into a letter or a hyphen, so the comparison is exact for tokens.
    /// </summary>
    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if ((name[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string? Compact(HeaderId id) => id switch
    {
        HeaderId.Via => "v",
        HeaderId.From => "f",
        HeaderId.To => "t",
        HeaderId.CallId => "i",
        HeaderId.Contact => "m",
        HeaderId.ContentType => "c",
        HeaderId.ContentLength => "l",
        HeaderId.ContentEncoding => "e",
        HeaderId.Event => "o",
        HeaderId.AllowEvents => "u",
        HeaderId.Supported => "k",
        HeaderId.Subject => "s",
        HeaderId.ReferTo => "r",
        HeaderId.ReferredBy => "b",
        HeaderId.SessionExpires => "x",
        HeaderId.AcceptContact => "a",
        HeaderId.RejectContact => "j",
        HeaderId.RequestDisposition => "d",
        HeaderId.Identity => "y",
        HeaderId.IdentityInfo => "n",
        _ => null,
    };
}
