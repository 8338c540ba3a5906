using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Tests.Rfc4475;

/// <summary>RFC 4475 3.2 (transaction layer), 3.3 (application layer) and 3.4 (RFC 2543 compatibility).</summary>
public class SemanticsTests
{
    private static readonly SipValidationOptions Uas = new();
    private static readonly SipValidationOptions Proxy = new() { Role = ElementRole.Proxy };
    private static readonly SipValidationOptions Registrar = new() { Role = ElementRole.Registrar };

    [Fact]
    public void Badbranch_bare_magic_cookie_is_not_an_rfc3261_branch()
    {
        var via = Vectors.Request("badbranch").TopVia!;

        Assert.Equal("z9hG4bK", via.Branch);
        Assert.False(via.HasRfc3261Branch);
    }

    [Fact]
    public void Insuf_missing_required_headers_is_answered_400()
    {
        var m = Vectors.Request("insuf");

        Assert.Null(m.CallId);
        Assert.Null(m.From);
        var result = SipRequestValidator.Validate(m, Uas);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unkscm", "nobodyknowsthisscheme", "totallyopaquecontent")]
    [InlineData("novelsc", "soap.beep", "//192.0.2.103:3002")]
    public void Unknown_request_uri_scheme_parses_and_is_answered_416(string name, string scheme, string rest)
    {
        var m = Vectors.Request(name);

        var uri = Assert.IsType<AbsoluteUri>(m.RequestUri);
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal(rest, uri.SchemeSpecificPart);
        Assert.Equal(416, SipRequestValidator.Validate(m, Uas).StatusCode);
        Assert.Equal(416, SipRequestValidator.Validate(m, Proxy).StatusCode);
    }

    [Fact]
    public void Unksm2_unknown_schemes_in_headers_parse_and_a_registrar_answers_400()
    {
        var m = Vectors.Request("unksm2");

        Assert.Equal("isbn:2983792873", m.To!.Uri.ToString());
        Assert.Equal("http://www.example.com", m.From!.Uri.ToString());
        Assert.Equal("name:John_Smith", Assert.Single(m.Contacts).Uri!.ToString());
        Assert.Equal(400, SipRequestValidator.Validate(m, Registrar).StatusCode);
        Assert.True(SipRequestValidator.Validate(m, Proxy).IsValid);
    }

    [Fact]
    public void Bext01_unknown_extensions_are_answered_420_with_unsupported_per_role()
    {
        var m = Vectors.Request("bext01");

        var asUas = SipRequestValidator.Validate(m, Uas);
        Assert.Equal(420, asUas.StatusCode);
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], asUas.Unsupported);
        var asProxy = SipRequestValidator.Validate(m, Proxy);
        Assert.Equal(420, asProxy.StatusCode);
        Assert.Equal(["noProxiesSupportThis", "norDoAnyProxiesSupportThis"], asProxy.Unsupported);
        var response = asProxy.CreateResponse(m);
        Assert.Equal(420, response.StatusCode);
        Assert.Equal(["noProxiesSupportThis", "norDoAnyProxiesSupportThis"], response.Unsupported);
    }

    [Fact]
    public void Bext01_supported_extension_passes()
    {
        var options = Uas with
        {
            SupportedOptionTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "nothingsupportsthis", "NothingSupportsThisEither" },
        };

        Assert.True(SipRequestValidator.Validate(Vectors.Request("bext01"), options).IsValid);
    }

    [Fact]
    public void Invut_unknown_body_type_is_answered_415_by_a_uas_and_forwarded_by_a_proxy()
    {
        var m = Vectors.Request("invut");
        var uas = Uas with { SupportedContentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "application/sdp" } };

        Assert.Equal("application/unknownformat", m.ContentType!.MimeType);
        Assert.Equal(415, SipRequestValidator.Validate(m, uas).StatusCode);
        Assert.True(SipRequestValidator.Validate(m, Proxy).IsValid);
    }

    [Fact]
    public void Regaut01_unknown_authorization_scheme_is_parsed_and_left_to_the_registrar()
    {
        var m = Vectors.Request("regaut01");

        var auth = Assert.Single(m.Authorizations);
        Assert.Equal("NoOneKnowsThisScheme", auth.Scheme);
        Assert.Equal("here", auth.Parameters["opaque-data"]);
        Assert.True(SipRequestValidator.Validate(m, Registrar).IsValid);
    }

    [Fact]
    public void Multi01_repeated_single_value_headers_are_answered_400()
    {
        var m = Vectors.Request("multi01");

        var result = SipRequestValidator.Validate(m, Proxy);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("more than one", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mcl01_multiple_content_lengths_parse_on_a_datagram_and_are_answered_400()
    {
        var m = Vectors.Request("mcl01");

        Assert.Equal("There's no wa", System.Text.Encoding.ASCII.GetString(m.Body.Span));
        var result = SipRequestValidator.Validate(m, Uas);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Content-Length", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bcast_response_exposes_the_broadcast_via_for_the_stack_to_refuse()
    {
        var m = Vectors.Response("bcast");

        Assert.Equal(200, m.StatusCode);
        Assert.Equal("255.255.255.255", m.Vias[1].Host);
    }

    [Fact]
    public void Zeromf_is_answered_483_by_a_proxy_only()
    {
        var m = Vectors.Request("zeromf");

        Assert.Equal(0, m.MaxForwards);
        Assert.Equal(483, SipRequestValidator.Validate(m, Proxy).StatusCode);
        Assert.True(SipRequestValidator.Validate(m, Uas).IsValid);
        Assert.Throws<InvalidOperationException>(() => m.DecrementMaxForwards());
    }

    [Fact]
    public void Cparam01_parameter_after_an_unbracketed_uri_belongs_to_the_header()
    {
        var contact = Assert.Single(Vectors.Request("cparam01").Contacts);

        Assert.True(contact.Parameters.Contains("unknownparam"));
        Assert.Empty(Assert.IsType<SipUri>(contact.Uri).Parameters);
    }

    [Fact]
    public void Cparam02_parameter_inside_the_brackets_belongs_to_the_uri()
    {
        var contact = Assert.Single(Vectors.Request("cparam02").Contacts);

        Assert.Empty(contact.Parameters);
        Assert.True(Assert.IsType<SipUri>(contact.Uri).Parameters.Contains("unknownparam"));
        // RFC 3261 19.1.4: a parameter that is not user, ttl, method, maddr or transport and appears in only one URI
        // is ignored, so the two contact URIs still compare equal.
        Assert.Equal(Vectors.Request("cparam01").Contacts[0].Uri, contact.Uri);
    }

    [Fact]
    public void Regescrt_contact_with_escaped_route_is_accepted_by_a_registrar()
    {
        var m = Vectors.Request("regescrt");

        var contact = Assert.IsType<SipUri>(Assert.Single(m.Contacts).Uri);
        Assert.Equal("<sip:sip.example.com>", contact.Headers["Route"]);
        Assert.Equal("sip:user@example.com?Route=%3Csip:sip.example.com%3E", contact.ToString());
        Assert.True(SipRequestValidator.Validate(m, Registrar).IsValid);
    }

    [Fact]
    public void Sdp01_invite_accepting_no_supported_type_is_answered_406()
    {
        var m = Vectors.Request("sdp01");
        var uas = Uas with { SupportedContentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "application/sdp" } };

        Assert.Equal(["text/nobodyKnowsThis"], m.Headers.GetValues(HeaderNames.Accept));
        Assert.Equal(406, SipRequestValidator.Validate(m, uas).StatusCode);
        Assert.True(SipRequestValidator.Validate(m, Proxy).IsValid);
    }

    [Fact]
    public void Inv2543_rfc2543_request_is_accepted()
    {
        var m = Vectors.Request("inv2543");

        Assert.Null(m.TopVia!.Branch);
        Assert.False(m.TopVia.HasRfc3261Branch);
        Assert.Null(m.MaxForwards);
        Assert.Null(m.ContentLength);
        Assert.Equal(m.Body.Length, TestData.TestFiles.Rfc4475("inv2543").Length - (m.ToBytes().Length - m.Body.Length));
        Assert.Equal("phone", Assert.IsType<SipUri>(m.From!.Uri).UserParameter);
        Assert.Equal("phone", m.To!.Parameters["user"]);
        Assert.Equal("ss1.example.com", Assert.IsType<SipUri>(Assert.Single(m.RecordRoutes).Uri).Maddr);
        Assert.True(SipRequestValidator.Validate(m, Uas).IsValid);
        Assert.True(SipRequestValidator.Validate(m, Proxy).IsValid);
        Assert.Equal(70, m.DecrementMaxForwards());
    }

    [Fact]
    public void Every_application_layer_vector_parses()
    {
        foreach (var name in new[] { "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "multi01", "mcl01", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "badbranch", "inv2543" })
        {
            Assert.IsType<SipRequest>(Vectors.Parse(name));
        }
    }
}
