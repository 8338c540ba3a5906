using System.Globalization;
using System.Text;

namespace ClusterSip.Sip.Headers;

/// <summary>Subscription-State (RFC 6665 8.2.3): active, pending or terminated, with expires, reason, retry-after.</summary>
public sealed class SubscriptionStateHeader
{
    public SubscriptionStateHeader(string state, SipParameters? parameters = null)
    {
        State = state;
        Parameters = parameters ?? SipParameters.Empty;
    }

    public string State { get; }

    public SipParameters Parameters { get; }

    public bool IsActive => State.Equals("active", StringComparison.OrdinalIgnoreCase);

    public bool IsPending => State.Equals("pending", StringComparison.OrdinalIgnoreCase);

    public bool IsTerminated => State.Equals("terminated", StringComparison.OrdinalIgnoreCase);

    public int? Expires => ExpiresValue.From(Parameters["expires"], Parameters.Contains("expires"));

    public string? Reason => Parameters["reason"];

    public int? RetryAfter =>
        int.TryParse(Parameters["retry-after"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <exception cref="SipParseException">The text is not a valid Subscription-State value.</exception>
    public static SubscriptionStateHeader Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static SubscriptionStateHeader Parse(ReadOnlySpan<byte> s)
    {
        var (token, parameters) = TokenWithParameters.Parse(s, HeaderNames.SubscriptionState);
        return new SubscriptionStateHeader(token, parameters);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(State);
        Parameters.AppendTo(sb, ';');
        return sb.ToString();
    }
}
