using System.Text;

namespace ClusterSip.Sip.Tests.Properties;

/// <summary>A generated request and the formatting choices used to write it.</summary>
public sealed record MessageModel(
    string Method,
    string RequestUser,
    string RequestHost,
    int? RequestPort,
    IReadOnlyList<ViaModel> Vias,
    string? FromDisplay,
    string FromUser,
    string FromHost,
    string FromTag,
    string ToUser,
    string ToHost,
    string CallId,
    uint CSeq,
    int MaxForwards,
    IReadOnlyList<(string Name, string Value)> Extra,
    byte[] Body,
    FormatStyle Style)
{
    public byte[] Render()
    {
        var s = Style;
        var sb = new StringBuilder();
        sb.Append(Method).Append(" sip:").Append(RequestUser).Append('@').Append(RequestHost);
        if (RequestPort is { } port)
        {
            sb.Append(':').Append(port);
        }

        sb.Append(" SIP/2.0\r\n");
        foreach (var via in Vias)
        {
            Header(sb, s.Compact ? "v" : "Via", s);
            sb.Append("SIP").Append(s.Lws).Append('/').Append(s.Lws).Append("2.0").Append(s.Lws).Append('/').Append(s.Lws)
                .Append(via.Transport).Append(' ').Append(via.Host);
            if (via.Port is { } viaPort)
            {
                sb.Append(':').Append(viaPort);
            }

            sb.Append(s.Lws).Append(';').Append(s.Lws).Append("branch").Append(s.Lws).Append('=').Append(s.Lws).Append(via.Branch);
            if (via.Rport)
            {
                sb.Append(";rport");
            }

            sb.Append("\r\n");
        }

        Header(sb, "Max-Forwards", s);
        sb.Append(MaxForwards).Append("\r\n");
        Header(sb, s.Compact ? "f" : "From", s);
        if (FromDisplay is not null)
        {
            sb.Append(SipParameters.Quote(FromDisplay)).Append(s.Lws);
        }

        sb.Append("<sip:").Append(FromUser).Append('@').Append(FromHost).Append('>');
        sb.Append(s.Fold ? "\r\n " : string.Empty).Append(';').Append(s.Lws).Append("tag=").Append(FromTag).Append("\r\n");
        Header(sb, s.Compact ? "t" : "To", s);
        // RFC 3261 20: a URI holding a comma, question mark or semicolon must be bracketed.
        var bracket = ToUser.AsSpan().IndexOfAny(",;?") >= 0;
        sb.Append(bracket ? "<sip:" : "sip:").Append(ToUser).Append('@').Append(ToHost).Append(bracket ? ">\r\n" : "\r\n");
        Header(sb, s.Compact ? "i" : "Call-ID", s);
        sb.Append(CallId).Append("\r\n");
        Header(sb, "CSeq", s);
        sb.Append(CSeq).Append(s.Fold ? "\r\n\t" : " ").Append(Method).Append("\r\n");
        foreach (var (name, value) in Extra)
        {
            Header(sb, name, s);
            sb.Append(value).Append("\r\n");
        }

        if (s.WithContentLength)
        {
            Header(sb, s.Compact ? "l" : "Content-Length", s);
            sb.Append(Body.Length).Append("\r\n");
        }

        sb.Append("\r\n");
        return [.. Encoding.UTF8.GetBytes(sb.ToString()), .. Body];
    }

    private static void Header(StringBuilder sb, string name, FormatStyle s) =>
        sb.Append(s.UpperNames ? name.ToUpperInvariant() : name).Append(s.SpaceBeforeColon ? " :" : ":").Append(s.Lws.Length > 0 ? s.Lws : " ");
}

public sealed record ViaModel(string Transport, string Host, int? Port, string Branch, bool Rport);

public sealed record FormatStyle(bool Compact, bool UpperNames, bool SpaceBeforeColon, string Lws, bool Fold, bool WithContentLength);
