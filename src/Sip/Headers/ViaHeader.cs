using System.Globalization;
using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>
/// One Via value (via-parm, RFC 3261 20.42, RFC 3581 rport). Immutable. A parsed value keeps its via-params as
/// received and reads the few a transaction needs (branch, received, rport) from them; the parameter list is built
/// only when asked for.
/// </summary>
public sealed class ViaHeader
{
    /// <summary>The branch magic cookie of RFC 3261 8.1.1.7.</summary>
    public const string MagicCookie = "z9hG4bK";

    // Marks "looked up, absent" in a lazily read parameter field (null means not looked up yet).
    private static readonly string Absent = new('-', 1);

    private readonly ReadOnlyMemory<byte> _paramsText;
    private SipParameters? _parameters;
    private string? _branch;
    private string? _text;
    private string? _sentBy;

    public ViaHeader(string transport, string host, int? port = null, SipParameters? parameters = null, string protocolName = "SIP", string protocolVersion = "2.0")
        : this(transport, host, port, protocolName, protocolVersion)
    {
        _parameters = parameters ?? SipParameters.Empty;
    }

    private ViaHeader(string transport, string host, int? port, string protocolName, string protocolVersion)
    {
        Transport = transport;
        Host = host;
        Port = port;
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
    public SipParameters Parameters => _parameters ??= ParamCursor.Materialize(_paramsText.Span, 0, out _, viaParams: true);

    /// <summary><c>host[:port]</c>.</summary>
    public string SentBy => _sentBy ??= Port is null ? Host : Host + ":" + Port.Value.ToString(CultureInfo.InvariantCulture);

    public string? Branch
    {
        get
        {
            var branch = _branch ??= Param("branch", out _) ?? Absent;
            return ReferenceEquals(branch, Absent) ? null : branch;
        }
    }

    /// <summary>
    /// True when the branch is the magic cookie followed by a transaction id; a bare cookie does not count
    /// (RFC 4475 3.2.1: fall back to RFC 2543 transaction matching).
    /// </summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>The received address as written: IPv4, bare IPv6 (RFC 3261 25.1) or a bracketed IPv6 reference.</summary>
    public string? Received => Param("received", out _);

    public string? Maddr => Param("maddr", out _);

    public int? Ttl => int.TryParse(Param("ttl", out _), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRport
    {
        get
        {
            _ = Param("rport", out var present);
            return present;
        }
    }

    /// <summary>The rport value; null when absent or present without a value.</summary>
    public int? Rport => int.TryParse(Param("rport", out _), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

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

    /// <summary>A via-parm accepted by <see cref="HeaderSyntax.ReadVia"/>; keeps <paramref name="value"/>'s via-params.</summary>
    internal static ViaHeader FromValidated(ReadOnlyMemory<byte> value, in ViaRanges r)
    {
        var s = value.Span;
        return new ViaHeader(
            KnownStrings.Get(s[r.Transport]),
            Lex.Ascii(s[r.Host]),
            r.Port >= 0 ? r.Port : null,
            value[r.ParamsStart..r.End],
            KnownStrings.Get(s[r.ProtocolName]),
            KnownStrings.Get(s[r.ProtocolVersion]));
    }

    public override string ToString() => _text ??= Render();

    private ViaHeader(string transport, string host, int? port, ReadOnlyMemory<byte> paramsText, string protocolName, string protocolVersion)
        : this(transport, host, port, protocolName, protocolVersion)
    {
        _paramsText = paramsText;
    }

    /// <summary>The first parameter of that name (as <see cref="SipParameters"/> finds it), read without building the list.</summary>
    private string? Param(string name, out bool present)
    {
        if (_parameters is { } parameters)
        {
            present = parameters.Contains(name);
            return parameters[name];
        }

        var s = _paramsText.Span;
        var cursor = new ParamCursor(s, 0, viaParams: true);
        while (cursor.MoveNext(out var n, out var value, out var hasValue))
        {
            if (Lex.EqualsIgnoreCase(s[n], name))
            {
                present = true;
                return hasValue ? Lex.Text(s[value]) : null;
            }
        }

        present = false;
        return null;
    }

    private string Render()
    {
        var sb = StringBuilderCache.Acquire().Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport)
            .Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }

        Parameters.AppendTo(sb, ';');
        return StringBuilderCache.GetStringAndRelease(sb);
    }
}
