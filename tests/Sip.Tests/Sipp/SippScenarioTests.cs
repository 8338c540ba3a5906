using System.Text;
using ClusterSip.Sip.Framing;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Tests.TestData;
using ClusterSip.Sip.Uris;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Tests.Sipp;

/// <summary>
/// Messages captured (sipp -trace_msg) from SIPp's built-in scenarios run against each other on loopback:
/// uac/uas, regexp/uas, branchc/branchs and the four 3pcc roles.
/// </summary>
public class SippScenarioTests
{
    public static TheoryData<string> All() => new(TestFiles.Names("sipp"));

    [Theory]
    [MemberData(nameof(All))]
    public void Parses_and_round_trips(string name)
    {
        var bytes = TestFiles.Sipp(name);

        var m = SipParser.Parse(bytes);

        // SIPp's 3pcc controllers relay the SDP with a trailing CRLF that Content-Length does not count: like RFC 4475
        // dblreq, those octets are not part of the message.
        var length = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4 + m.ContentLength!.Value;
        Assert.Equal(bytes[..length], m.ToBytes());
        Assert.Equal(new SipFrame(FrameKind.Message, length), SipFraming.Frame(bytes, 65535));
        Assert.StartsWith("z9hG4bK-", m.TopVia!.Branch);
        Assert.NotNull(m.From!.Tag);
        Assert.NotNull(m.CallId);
        Assert.Equal(m.ContentLength, m.Body.Length);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Requests_are_valid_and_responses_match_their_transaction(string name)
    {
        var m = SipParser.Parse(TestFiles.Sipp(name));

        if (m is SipRequest request)
        {
            Assert.Equal(request.Method, request.CSeq!.Method);
            Assert.IsType<SipUri>(request.RequestUri);
            Assert.True(SipRequestValidator.Validate(request).IsValid);
            Assert.True(SipRequestValidator.Validate(request, new SipValidationOptions { Role = ElementRole.Proxy }).IsValid);
        }
        else
        {
            var response = Assert.IsType<SipResponse>(m);
            Assert.Equal(name.Split('-')[^1], response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotNull(response.To!.Tag);
        }
    }

    [Fact]
    public void Uac_invite_carries_its_sdp_offer()
    {
        var m = Assert.IsType<SipRequest>(SipParser.Parse(TestFiles.Sipp("uac-1-INVITE")));

        Assert.Equal("INVITE", m.Method);
        Assert.Equal(SipUri.Parse("sip:bob@127.0.0.1:5070"), m.RequestUri);
        Assert.Equal("bob", m.To!.DisplayName);
        Assert.Equal("sipp", m.From!.DisplayName);
        Assert.Equal("Performance Test", m.Headers.Get("Subject"));
        Assert.Equal(70, m.MaxForwards);
        Assert.Equal("application/sdp", m.ContentType!.MimeType);
        Assert.Equal(129, m.Body.Length);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(m.Body.Span));
        Assert.Equal(SipUri.Parse("sip:sipp@127.0.0.1:5071"), Assert.Single(m.Contacts).Uri);
    }

    [Fact]
    public void Uas_responses_answer_the_uac_invite()
    {
        var invite = Assert.IsType<SipRequest>(SipParser.Parse(TestFiles.Sipp("uac-1-INVITE")));
        var ringing = Assert.IsType<SipResponse>(SipParser.Parse(TestFiles.Sipp("uas-1-180")));
        var ok = Assert.IsType<SipResponse>(SipParser.Parse(TestFiles.Sipp("uas-2-200")));

        Assert.Equal(invite.TopVia!.Branch, ringing.TopVia!.Branch);
        Assert.Equal(invite.CallId, ok.CallId);
        Assert.Equal(invite.CSeq, ok.CSeq);
        Assert.Equal(ringing.To!.Tag, ok.To!.Tag);
        Assert.Equal("UDP", Assert.IsType<SipUri>(ok.Contacts[0].Uri).Transport);
    }

    [Fact]
    public void Branchc_register_carries_expires()
    {
        var m = Assert.IsType<SipRequest>(SipParser.Parse(TestFiles.Sipp("branchc-1-REGISTER")));

        Assert.Equal(300, m.Expires);
        Assert.Equal(SipUri.Parse("sip:CA.cym.com"), m.RequestUri);
        Assert.True(SipRequestValidator.Validate(m, new SipValidationOptions { Role = ElementRole.Registrar }).IsValid);
    }

    [Fact]
    public void Third_party_call_control_invite_has_no_offer_and_its_ack_has_the_answer()
    {
        var invite = SipParser.Parse(TestFiles.Sipp("3pcc-C-A-1-INVITE"));
        var ack = Assert.IsType<SipRequest>(SipParser.Parse(TestFiles.Sipp("3pcc-C-A-2-ACK")));

        Assert.True(invite.Body.IsEmpty);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(129, ack.Body.Length);
        Assert.NotNull(ack.To!.Tag);
    }
}
