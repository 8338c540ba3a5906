using System.Globalization;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>CSeq (RFC 3261 20.16): sequence number and method.</summary>
public sealed record CSeqHeader(uint Number, string Method)
{
    /// <exception cref="SipParseException">The text is not a valid CSeq value.</exception>
    public static CSeqHeader Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var error = HeaderSyntax.ReadCSeq(bytes, out var number, out var method);
        return error is null ? new CSeqHeader(number, SipMethods.Intern(bytes.AsSpan()[method])) : throw new SipParseException(error);
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
