namespace ClusterSip.Sip.Tests.Messages;

internal static class SampleMessages
{
    public const string Sdp =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com\r\ns=-\r\nc=IN IP4 pc33.atlanta.com\r\nt=0 0\r\n" +
        "m=audio 49172 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    public static readonly string Invite =
        "INVITE sip:bob@biloxi.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP proxy.atlanta.com;branch=z9hG4bK1, SIP/2.0/TCP edge.atlanta.com;branch=z9hG4bK2\r\n" +
        "Max-Forwards: 70\r\n" +
        "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n" +
        "To: Bob <sip:bob@biloxi.com>\r\n" +
        "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Timestamp: 54\r\n" +
        "Contact: <sip:alice@pc33.atlanta.com>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "l: " + Sdp.Length + "\r\n" +
        "\r\n" + Sdp;
}
