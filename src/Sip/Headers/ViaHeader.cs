using System.Globalization;
using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>One Via value (via-parm, RFC 3261 20.42, RFC 3581 rport). Immutable.</summary>
public sealed class ViaHeader
{
    /// <summary>The branch magic cookie of RFC 3261 8.1.1.7.</summary>
    public const string MagicCookie = "z9hG4bK";

    private string? _text;
    private string? _sentBy;

    public ViaHeader(string transport, string host, int? port = null, SipParameters? parameters = null, string protocolName = "SIP", string protocolVersion = "2.0")
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameters.Empty;
        ProtocolName = protocolName;
        ProtocolVersion = protocolVersion;
    }

    public string ProtocolName { get; }

    public string ProtocolVersion { get; }

    /// <summary>The transport of the sent-protocol as written (UDP, TCP, TLS, SCTP, WS, ...).</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    /// <summary>All via-params in order (branch, received, rport, ... included).</summary>
    public SipParameters Parameters { get; }

    /// <summary><c>host[:port]</c>.</summary>
    public string SentBy => _sentBy ??= Port is null ? Host : Host + ":" + Port.Value.ToString(CultureInfo.InvariantCulture);

    public string? Branch => Parameters["branch"];

    /// <summary>
    /// True when the branch is the magic cookie followed by a transaction id; a bare cookie does not count
    /// (RFC 4475 3.2.1: fall back to RFC 2543 transaction matching).
    /// </summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>The received address as written: IPv4, bare IPv6 (RFC 3261 25.1) or a bracketed IPv6 reference.</summary>
    public string? Received => Parameters["received"];

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => int.TryParse(Parameters["ttl"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The rport value; null when absent or present without a value.</summary>
    public int? Rport => int.TryParse(Parameters["rport"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public ViaHeader WithParameter(string name, string? value = null) =>
        new(Transport, Host, Port, Parameters.With(name, value), ProtocolName, ProtocolVersion);

    public ViaHeader WithoutParameter(string name) =>
        new(Transport, Host, Port, Parameters.Without(name), ProtocolName, ProtocolVersion);

    /// <summary>Parses a single via-parm.</summary>
    /// <exception cref="SipParseException">The text is not a valid via-parm.</exception>
    public static ViaHeader Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pos = 0;
        var error = HeaderSyntax.ReadVia(bytes, ref pos, out var r) ?? (Lex.AtEnd(bytes, pos) ? null : "Via: unexpected text after via-parm");
        return error is null ? FromValidated(bytes, r) : throw new SipParseException(error);
    }

    internal static ViaHeader FromValidated(ReadOnlySpan<byte> s, in ViaRanges r) =>
        new(
            KnownStrings.Get(s[r.Transport]),
            Lex.Ascii(s[r.Host]),
            r.Port >= 0 ? r.Port : null,
            ParamCursor.Materialize(s[..r.End], r.ParamsStart, out _, viaParams: true),
            KnownStrings.Get(s[r.ProtocolName]),
            KnownStrings.Get(s[r.ProtocolVersion]));

    public override string ToString() => _text ??= Render();

    private string Render()
    {
        var sb = new StringBuilder(64).Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport)
            .Append(' ').Append(SentBy);
        Parameters.AppendTo(sb, ';');
        return sb.ToString();
    }
}
