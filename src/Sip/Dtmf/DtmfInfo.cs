using System.Text;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Dtmf;

/// <summary>
/// The digit an INFO request carries (DTMF over SIP INFO, as SIP phones and gateways send it): an
/// <c>application/dtmf-relay</c> body (<c>Signal=5</c>, <c>Duration=160</c> lines) or an <c>application/dtmf</c> body
/// (the digit alone, or its RFC 4733 event code: 10 = *, 11 = #, 12-15 = A-D).
/// </summary>
public static class DtmfInfo
{
    public const string Relay = "application/dtmf-relay";

    public const string Plain = "application/dtmf";

    private const string Digits = "0123456789*#ABCD";

    /// <summary>The digit (0-9, *, #, A-D) of a DTMF INFO body; null for another content type or a body that is not one digit.</summary>
    public static string? Digit(MediaType? contentType, ReadOnlySpan<byte> body)
    {
        if (contentType is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        if (contentType.IsType(Relay))
        {
            foreach (var line in text.Split('\n'))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && line[..equals].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    return Normalise(line[(equals + 1)..]);
                }
            }

            return null;
        }

        return contentType.IsType(Plain) ? Normalise(text) : null;
    }

    private static string? Normalise(string value)
    {
        var digit = value.Trim().ToUpperInvariant();
        if (int.TryParse(digit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 10 and <= 15)
        {
            return Digits[code].ToString();
        }

        return digit.Length == 1 && Digits.Contains(digit[0]) ? digit : null;
    }
}
