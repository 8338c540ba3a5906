namespace ClusterSip.Sip.Parsing;

/// <summary>Shared strings for tokens that recur in nearly every message, so decoding them does not allocate.</summary>
internal static class KnownStrings
{
    private static readonly string[] Values =
    [
        "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "tcp", "tls", "branch", "rport", "received", "maddr",
        "ttl", "tag", "lr", "transport", "user", "phone", "method", "expires", "q", "sip", "sips",
    ];

    public static string Get(ReadOnlySpan<byte> s)
    {
        foreach (var v in Values)
        {
            if (v.Length == s.Length && Matches(s, v))
            {
                return v;
            }
        }

        return Lex.Ascii(s);
    }

    private static bool Matches(ReadOnlySpan<byte> s, string v)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != v[i])
            {
                return false;
            }
        }

        return true;
    }
}
