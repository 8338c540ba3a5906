using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>Shared reader for <c>token *( SEMI generic-param )</c> values (Event, Subscription-State, ...).</summary>
internal static class TokenWithParameters
{
    public static (string Token, SipParameters Parameters) Parse(ReadOnlySpan<byte> s, string headerName)
    {
        var p = 0;
        Lex.SkipWs(s, ref p);
        if (!Lex.TryToken(s, ref p, out var token))
        {
            throw new SipParseException(headerName + ": missing value");
        }

        var cursor = new ParamCursor(s, p);
        if (!cursor.SkipAll() || !Lex.AtEnd(s, cursor.Position))
        {
            throw new SipParseException(headerName + ": " + (cursor.Error ?? "unexpected text after the parameters"));
        }

        return (Lex.Ascii(s[token]), ParamCursor.Materialize(s, p, out _));
    }
}
