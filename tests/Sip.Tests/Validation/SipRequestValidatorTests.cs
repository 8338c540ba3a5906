using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Tests.Validation;

public class SipRequestValidatorTests
{
    private static readonly SipValidationOptions Proxy = new() { Role = ElementRole.Proxy };

    private static SipRequest Request(string method, string extraHeaders = "", string uri = "sip:bob@biloxi.com") =>
        Assert.IsType<SipRequest>(SipParser.Parse(
            method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:bob@biloxi.com>\r\n" +
            "Call-ID: c\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n"));

    [Fact]
    public void Well_formed_request_is_valid()
    {
        var result = SipRequestValidator.Validate(Request("INVITE"));

        Assert.True(result.IsValid);
        Assert.Same(SipValidationResult.Valid, result);
        Assert.Throws<InvalidOperationException>(() => result.CreateResponse(Request("INVITE")));
    }

    [Theory]
    [InlineData(HeaderNames.Via)]
    [InlineData(HeaderNames.From)]
    [InlineData(HeaderNames.To)]
    [InlineData(HeaderNames.CallId)]
    [InlineData(HeaderNames.CSeq)]
    public void Each_mandatory_header_is_required(string name)
    {
        var m = Request("OPTIONS");
        m.Headers.Remove(name);

        var result = SipRequestValidator.Validate(m);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(name, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_is_ignored_on_ack_and_cancel_and_by_proxies()
    {
        Assert.True(SipRequestValidator.Validate(Request("ACK", "Require: foo\r\n")).IsValid);
        Assert.True(SipRequestValidator.Validate(Request("CANCEL", "Require: foo\r\n")).IsValid);
        Assert.True(SipRequestValidator.Validate(Request("INVITE", "Require: foo\r\n"), Proxy).IsValid);
        Assert.Equal(["foo"], SipRequestValidator.Validate(Request("INVITE", "Require: foo\r\n")).Unsupported);
        Assert.True(SipRequestValidator.Validate(Request("INVITE", "Proxy-Require: foo\r\n")).IsValid);
    }

    [Fact]
    public void Unknown_method_is_501_for_a_uas_and_forwarded_by_a_proxy()
    {
        Assert.Equal(501, SipRequestValidator.Validate(Request("FOO")).StatusCode);
        Assert.True(SipRequestValidator.Validate(Request("FOO"), Proxy).IsValid);
        var known = new SipValidationOptions { KnownMethods = new HashSet<string> { "FOO" } };
        Assert.True(SipRequestValidator.Validate(Request("FOO"), known).IsValid);
    }

    [Fact]
    public void Malformed_lazily_parsed_header_is_400_with_its_reason()
    {
        var result = SipRequestValidator.Validate(Request("REGISTER", "Contact: <sip:a@b>;;\r\n"));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Contact", result.Reason, StringComparison.Ordinal);
        Assert.Equal(400, SipRequestValidator.Validate(Request("INVITE", "Max-Forwards: 300\r\n")).StatusCode);
    }

    [Fact]
    public void Tel_request_uri_is_accepted_by_default_and_refused_when_not_configured()
    {
        Assert.True(SipRequestValidator.Validate(Request("INVITE", uri: "tel:+12015550123")).IsValid);
        var sipOnly = new SipValidationOptions { SupportedUriSchemes = new HashSet<string> { "sip" } };
        Assert.Equal(416, SipRequestValidator.Validate(Request("INVITE", uri: "tel:+12015550123"), sipOnly).StatusCode);
        Assert.Equal(416, SipRequestValidator.Validate(Request("INVITE", uri: "sips:bob@biloxi.com"), sipOnly).StatusCode);
    }

    [Fact]
    public void Accept_with_a_wildcard_range_is_acceptable()
    {
        var uas = new SipValidationOptions { SupportedContentTypes = new HashSet<string> { "application/sdp" } };

        Assert.True(SipRequestValidator.Validate(Request("INVITE", "Accept: application/*\r\n"), uas).IsValid);
        Assert.True(SipRequestValidator.Validate(Request("INVITE", "Accept: text/plain, */*;q=0.1\r\n"), uas).IsValid);
        Assert.Equal(406, SipRequestValidator.Validate(Request("INVITE", "Accept: text/*\r\n"), uas).StatusCode);
    }

    [Fact]
    public void Rejection_builds_the_response_to_send()
    {
        var m = Request("INVITE", "Require: 100rel, timer\r\n");
        var options = new SipValidationOptions { SupportedOptionTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "TIMER" } };

        var response = SipRequestValidator.Validate(m, options).CreateResponse(m);

        Assert.Equal(420, response.StatusCode);
        Assert.Equal("Bad Extension", response.ReasonPhrase);
        Assert.Equal(["100rel"], response.Unsupported);
        Assert.Equal(m.CallId, response.CallId);
    }
}
