using System.Text;

namespace ClusterSip.Sip.Headers;

/// <summary>Event (RFC 6665 8.2.1, formerly RFC 3265): the event package with its id and other parameters.</summary>
public sealed class EventHeader
{
    public EventHeader(string package, SipParameters? parameters = null)
    {
        Package = package;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The event type, template included (e.g. <c>presence</c>, <c>presence.winfo</c>).</summary>
    public string Package { get; }

    public SipParameters Parameters { get; }

    public string? Id => Parameters["id"];

    /// <exception cref="SipParseException">The text is not a valid Event value.</exception>
    public static EventHeader Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static EventHeader Parse(ReadOnlySpan<byte> s)
    {
        var (token, parameters) = TokenWithParameters.Parse(s, HeaderNames.Event);
        return new EventHeader(token, parameters);
    }

    /// <summary>RFC 6665 8.2.1: packages compare case-insensitively, with their id parameters.</summary>
    public bool Matches(EventHeader other) =>
        string.Equals(Package, other.Package, StringComparison.OrdinalIgnoreCase) && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override string ToString()
    {
        var sb = new StringBuilder(Package);
        Parameters.AppendTo(sb, ';');
        return sb.ToString();
    }
}
