using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Tests.Rfc4475;

/// <summary>
/// RFC 4475 3.1.2. Messages the RFC says an element must answer with 400 (or 505) are rejected by the parser with a
/// reason and enough salvaged to build that response. Where the RFC allows an element to be liberal, the decision
/// taken is stated on the test.
/// </summary>
public class InvalidMessageTests
{
    public static TheoryData<string, string, int> RejectedRequests => new()
    {
        { "badinv01", "Via", 400 },
        { "clerr", "Content-Length", 400 },
        { "ncl", "Content-Length", 400 },
        { "scalar02", "CSeq", 400 },
        { "quotbal", "quoted string", 400 },
        { "ltgtruri", "Request-URI", 400 },
        { "lwsruri", "single spaces", 400 },
        { "lwsstart", "single spaces", 400 },
        { "trws", "single spaces", 400 },
        { "baddn", "display name", 400 },
        { "badvers", "version", 505 },
    };

    [Theory]
    [MemberData(nameof(RejectedRequests))]
    public void Request_is_rejected_with_a_reason_and_enough_salvaged_to_answer(string name, string reasonMentions, int status)
    {
        var e = Vectors.Rejection(name);

        Assert.Contains(reasonMentions, e.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status, e.StatusCode);
        Assert.True(e.LooksLikeRequest);
        Assert.True(e.CanReply);
        Assert.Null(e.InnerException);
        var response = e.CreateErrorResponse()!;
        Assert.Equal(status, response.StatusCode);
        var partial = e.PartialRequest!;
        Assert.Equal(partial.CallId, response.CallId);
        Assert.Equal(partial.Vias, response.Headers.GetAll(HeaderNames.Via));
        Assert.NotEmpty(partial.Vias);
        Assert.Equal(partial.CSeq, response.Headers.Get(HeaderNames.CSeq));
        Assert.Equal(partial.From, response.Headers.Get(HeaderNames.From));

        // The To value is echoed as received (RFC 3261 8.2.6.2), even where it is the malformed part.
        Assert.StartsWith(partial.To!, response.Headers.Get(HeaderNames.To), StringComparison.Ordinal);
        Assert.Contains(";tag=", response.Headers.Get(HeaderNames.To), StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar02_salvaged_cseq_is_copied_verbatim_into_the_400()
    {
        var e = Vectors.Rejection("scalar02");

        Assert.Equal("36893488147419103232 REGISTER", e.PartialRequest!.CSeq);
        Assert.Equal("36893488147419103232 REGISTER", e.CreateErrorResponse()!.Headers.Get(HeaderNames.CSeq));
    }

    [Theory]
    [InlineData("scalarlg", "CSeq")]
    [InlineData("bigcode", "status code")]
    public void Response_is_rejected_and_nothing_can_be_answered(string name, string reasonMentions)
    {
        var e = Vectors.Rejection(name);

        Assert.Contains(reasonMentions, e.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.False(e.LooksLikeRequest);
        Assert.False(e.CanReply);
        Assert.Null(e.CreateErrorResponse());
    }

    /// <summary>3.1.2.11: rejecting with 400 is acceptable; the headers are never forwarded, so this is done.</summary>
    [Fact]
    public void Escruri_parses_but_is_answered_400_because_request_uri_headers_are_not_allowed()
    {
        var m = Vectors.Request("escruri");

        Assert.Equal("<sip:example.com>", Assert.IsType<SipUri>(m.RequestUri).Headers["Route"]);
        var result = SipRequestValidator.Validate(m);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("headers", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>3.1.2.12: an element should not reject unless it uses Date; this library never interprets Date.</summary>
    [Fact]
    public void Baddate_is_accepted_because_date_is_not_used()
    {
        var m = Vectors.Request("baddate");

        Assert.Equal("Fri, 01 Jan 2010 16:00:00 EST", m.Headers.Get(HeaderNames.Date));
        Assert.True(SipRequestValidator.Validate(m).IsValid);
    }

    /// <summary>3.1.2.13: the liberal route is taken; the brackets are inferred as there is no ambiguity.</summary>
    [Fact]
    public void Regbadct_contact_is_read_as_if_bracketed()
    {
        var m = Vectors.Request("regbadct");

        var contact = Assert.IsType<SipUri>(Assert.Single(m.Contacts).Uri);
        Assert.Equal("<sip:sip.example.com>", contact.Headers["Route"]);
        Assert.True(SipRequestValidator.Validate(m, new SipValidationOptions { Role = ElementRole.Registrar }).IsValid);
    }

    /// <summary>3.1.2.14: the liberal route is taken; white space inside the angle brackets is ignored.</summary>
    [Fact]
    public void Badaspec_ignores_spaces_inside_the_angle_brackets()
    {
        var m = Vectors.Request("badaspec");

        Assert.Equal("Watson, Thomas", m.To!.DisplayName);
        Assert.Equal(SipUri.Parse("sip:t.watson@example.org"), m.To.Uri);
        Assert.Equal("Bell, Alexander", m.From!.DisplayName);
    }

    [Fact]
    public void Mismatch01_is_answered_400()
    {
        var result = SipRequestValidator.Validate(Vectors.Request("mismatch01"));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("CSeq", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>3.1.2.18: 501 is preferred over 400, particularly at proxies.</summary>
    [Theory]
    [InlineData(ElementRole.UserAgentServer)]
    [InlineData(ElementRole.Proxy)]
    public void Mismatch02_unknown_method_is_answered_501(ElementRole role)
    {
        var m = Vectors.Request("mismatch02");

        Assert.Equal("NEWMETHOD", m.Method);
        Assert.Equal(501, SipRequestValidator.Validate(m, new SipValidationOptions { Role = role }).StatusCode);
    }
}
