using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>Shared reader for <c>token *( SEMI generic-param )</c> values (Event, Subscription-State, ...).</summary>
internal static class TokenWithParameters
{
    public static (string Token, SipParameters Parameters) Parse(ReadOnlySpan<byte> s, string headerName)
    {
        var error = HeaderSyntax.ReadTokenWithParameters(s, headerName, out var token, out var parameters);
        return error is null
            ? (Lex.Ascii(s[token]), ParamCursor.Materialize(s, parameters, out _))
            : throw new SipParseException(error);
    }
}
