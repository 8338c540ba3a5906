using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Tests.TestData;

namespace ClusterSip.Sip.Tests.Rfc4475;

internal static class Vectors
{
    public static SipMessage Parse(string name) => SipParser.Parse(TestFiles.Rfc4475(name));

    public static SipRequest Request(string name) => Assert.IsType<SipRequest>(Parse(name));

    public static SipResponse Response(string name) => Assert.IsType<SipResponse>(Parse(name));

    public static SipParseException Rejection(string name) =>
        Assert.Throws<SipParseException>(() => SipParser.Parse(TestFiles.Rfc4475(name)));
}
