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

    public static TheoryData<string, string> MalformedHeaders => new()
    {
        { "Contact: <sip:a@b>;;\r\n", "Contacts" },
        { "Contact: <sip:a@b> x\r\n", "Contacts" },
        { "Contact: \"unterminated <sip:a@b>\r\n", "Contacts" },
        { "Route: <sip:p1;lr>, junk<\r\n", "Routes" },
        { "Route: <sip:p1;lr>\r\nRoute: <sip:p2;lr\r\n", "Routes" },
        { "Record-Route: <sip:p1;lr\r\n", "RecordRoutes" },
        { "Record-Route: <sip:p1;lr>;x=\"\r\n", "RecordRoutes" },
        { "Content-Type: application\r\n", "ContentType" },
        { "Content-Type: application/sdp;=x\r\n", "ContentType" },
        { "Content-Type: application/sdp x\r\n", "ContentType" },
        { "Event: ;id=1\r\n", "Event" },
        { "Event: presence;id=\"x\r\n", "Event" },
        { "Subscription-State: active x\r\n", "SubscriptionState" },
        { "Subscription-State: \r\n", "SubscriptionState" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void Malformed_header_is_400_with_the_reason_its_accessor_gives(string header, string accessor)
    {
        var m = Request("SUBSCRIBE", header);

        var result = SipRequestValidator.Validate(m, Proxy);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(AccessorError(m, accessor), result.Reason);
    }

    [Fact]
    public void The_first_malformed_header_in_accessor_order_is_reported()
    {
        var m = Request("INVITE", "Content-Type: x\r\nRecord-Route: <sip:p1\r\nContact: <sip:a@b>;;\r\n");

        Assert.Equal(AccessorError(m, "Contacts"), SipRequestValidator.Validate(m).Reason);
    }

    [Fact]
    public void A_via_changed_after_parsing_is_checked_again()
    {
        var m = Request("OPTIONS");
        m.Headers.SetAt(m.Headers.IndexOf(HeaderNames.Via), "SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP");

        var result = SipRequestValidator.Validate(m, Proxy);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(AccessorError(m, "Vias"), result.Reason);
    }

    [Fact]
    public void Well_formed_lists_and_wildcard_contact_are_valid()
    {
        var m = Request(
            "REGISTER",
            "Contact: *\r\nRoute: <sip:p1;lr>, <sip:p2;lr>\r\nRoute: sip:p3\r\nRecord-Route: \"P\" <sip:p4;lr>;x=1\r\n" +
            "Content-Type: application/sdp;charset=\"utf-8\"\r\nEvent: presence;id=1\r\nSubscription-State: active;expires=60\r\n");

        Assert.True(SipRequestValidator.Validate(m).IsValid);
        Assert.Equal(3, m.Routes.Count);
        Assert.Equal("presence", m.Event!.Package);
    }

    private static string AccessorError(SipRequest m, string accessor) =>
        Assert.Throws<SipParseException>(() => accessor switch
        {
            "Vias" => m.Vias,
            "Contacts" => m.Contacts,
            "Routes" => m.Routes,
            "RecordRoutes" => m.RecordRoutes,
            "ContentType" => m.ContentType,
            "Event" => m.Event,
            "SubscriptionState" => (object?)m.SubscriptionState,
            _ => throw new ArgumentOutOfRangeException(nameof(accessor)),
        }).Reason;
}
