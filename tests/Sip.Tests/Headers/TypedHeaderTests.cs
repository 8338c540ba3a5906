using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Headers;

public class TypedHeaderTests
{
    private static SipMessage WithHeaders(string headers) =>
        SipParser.Parse("SUBSCRIBE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nCSeq: 1 SUBSCRIBE\r\n" + headers + "\r\n");

    [Theory]
    [InlineData("<sip:alice@atlanta.com>;tag=1928301774")]
    [InlineData("\"Alice; the first\" <sip:alice@atlanta.com;tag=uri-param>;TAG=upper")]
    [InlineData("sip:alice@atlanta.com;tag=addr-spec-header-param")]
    [InlineData("<sip:alice@atlanta.com>;x=1;tag=a;tag=b")]
    [InlineData("<sip:alice@atlanta.com>;tag")]
    [InlineData("<sip:alice@atlanta.com>;x=\"tag=no\"")]
    public void Tags_read_without_the_address_equal_the_tags_of_the_parsed_address(string address)
    {
        var fast = WithHeaders("From: " + address + "\r\nTo: " + address + "\r\n");
        var parsed = WithHeaders("From: " + address + "\r\nTo: " + address + "\r\n");

        Assert.Equal(parsed.From!.Tag, fast.FromTag);
        Assert.Equal(parsed.To!.Tag, fast.ToTag);
        Assert.Equal(parsed.From.Tag, parsed.FromTag); // from the address, once parsed
    }

    [Fact]
    public void Tags_follow_header_changes_and_are_null_without_the_header()
    {
        var m = WithHeaders("From: <sip:a@b>;tag=old\r\n");
        Assert.Equal("old", m.FromTag);
        Assert.Null(m.ToTag);

        m.Headers.Set(HeaderNames.From, "<sip:a@b>;tag=new");
        m.Headers.Add(HeaderNames.To, "<sip:c@d>;tag=t");

        Assert.Equal("new", m.FromTag);
        Assert.Equal("t", m.ToTag);
    }

    [Fact]
    public void An_address_set_malformed_fails_its_tag_read_with_a_parse_error()
    {
        var m = WithHeaders("From: <sip:a@b>;tag=x\r\n");
        m.Headers.Set(HeaderNames.From, "<sip:a@b;tag=x"); // the parser checks received From lines; code may set anything

        var error = Assert.Throws<SipParseException>(() => m.FromTag);
        Assert.Contains("From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Via_exposes_sent_by_and_the_rfc3581_rport_forms()
    {
        var via = ViaHeader.Parse("SIP/2.0/TLS [2001:db8::9]:5061;branch=z9hG4bK74bf9;received=192.0.2.1;rport;maddr=224.2.0.1;ttl=16;x=\"q\"");

        Assert.Equal("TLS", via.Transport);
        Assert.Equal("[2001:db8::9]", via.Host);
        Assert.Equal(5061, via.Port);
        Assert.Equal("[2001:db8::9]:5061", via.SentBy);
        Assert.Equal("z9hG4bK74bf9", via.Branch);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.Equal(16, via.Ttl);
        Assert.Equal("\"q\"", via.Parameters["x"]);
        Assert.Equal(5090, ViaHeader.Parse("SIP/2.0/UDP h;rport=5090").Rport);
        Assert.False(ViaHeader.Parse("SIP/2.0/UDP h").HasRport);
    }

    [Fact]
    public void Via_renders_and_reparses()
    {
        var via = new ViaHeader("UDP", "10.0.0.1", 5060, new SipParameters([new("branch", "z9hG4bK1"), new("rport", null)]));

        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport", via.ToString());
        Assert.Equal(via.ToString(), ViaHeader.Parse(via.ToString()).ToString());
        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=7", via.WithParameter("rport", "7").ToString());
        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;rport", via.WithoutParameter("branch").ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP host;branch")]
    [InlineData("SIP/2.0/UDP host;branch=\"x\"")]
    [InlineData("SIP/2.0/UDP host junk")]
    public void Via_rejects_malformed_values(string text) => Assert.Throws<SipParseException>(() => ViaHeader.Parse(text));

    [Theory]
    [InlineData("\"Alice \\\"A\\\" Smith\" <sip:alice@atlanta.com>;tag=88", "Alice \"A\" Smith", "sip:alice@atlanta.com", "88")]
    [InlineData("Alice Smith <sip:alice@atlanta.com>", "Alice Smith", "sip:alice@atlanta.com", null)]
    [InlineData("<sip:alice@atlanta.com;transport=tcp>;tag=1", null, "sip:alice@atlanta.com;transport=tcp", "1")]
    [InlineData("sip:alice@atlanta.com;tag=1", null, "sip:alice@atlanta.com", "1")]
    [InlineData("\"\" <tel:+1234>", "", "tel:+1234", null)]
    public void Name_address_forms(string text, string? display, string uri, string? tag)
    {
        var a = NameAddress.Parse(text);

        Assert.Equal(display, a.DisplayName);
        Assert.Equal(AnyUri.Parse(uri), a.Uri);
        Assert.Equal(tag, a.Tag);
    }

    [Fact]
    public void Name_address_renders_in_name_addr_form()
    {
        var a = NameAddress.Parse("sip:alice@atlanta.com;tag=1").WithTag("2").WithParameter("x");

        Assert.Equal("<sip:alice@atlanta.com>;tag=2;x", a.ToString());
        Assert.Equal("\"A \\\"B\\\"\" <sip:a@b>", new NameAddress(SipUri.Parse("sip:a@b"), "A \"B\"").ToString());
        Assert.Equal("<sip:c@d>", a.WithUri(SipUri.Parse("sip:c@d")).WithoutParameter("tag").WithoutParameter("x").ToString());
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("Bell, Alexander <sip:a@b>")]
    [InlineData("<sip:a@b")]
    [InlineData("\"x\" sip:a@b")]
    [InlineData("<sip:a@b>;;")]
    [InlineData("<sip:a@b>;tag=")]
    [InlineData("")]
    public void Name_address_rejects_malformed_values(string text) => Assert.Throws<SipParseException>(() => NameAddress.Parse(text));

    [Fact]
    public void A_name_address_list_splits_on_commas_outside_quotes()
    {
        var list = NameAddress.ParseList("\"Edge, one\" <sip:e1.example;lr>,<sip:e2.example;lr> , sip:e3.example");

        Assert.Equal(["sip:e1.example;lr", "sip:e2.example;lr", "sip:e3.example"], list.Select(a => a.Uri.ToString()));
        Assert.Equal("Edge, one", list[0].DisplayName);
        Assert.Empty(NameAddress.ParseList(""));
    }

    [Theory]
    [InlineData("<sip:a@b>,, <sip:c@d>")]
    [InlineData("<sip:a@b> <sip:c@d>")]
    [InlineData("<sip:a@b>, <sip:c@d")]
    public void A_malformed_name_address_list_is_refused(string text) => Assert.Throws<SipParseException>(() => NameAddress.ParseList(text));

    [Fact]
    public void Contact_reads_wildcard_expires_and_q()
    {
        var m = WithHeaders("Contact: *\r\nContact: <sip:a@b>;expires=60;q=0.7, sip:c@d;expires=abc\r\nm: <sip:e@f>;expires=99999999999\r\n");

        Assert.True(m.Contacts[0].IsWildcard);
        Assert.Equal("*", m.Contacts[0].ToString());
        Assert.Equal(60, m.Contacts[1].Expires);
        Assert.Equal(0.7, m.Contacts[1].Q);
        Assert.Equal(3600, m.Contacts[2].Expires);
        Assert.Null(m.Contacts[2].Q);
        Assert.Equal(3600, m.Contacts[3].Expires);
        Assert.Equal(4, m.Contacts.Count);
    }

    [Fact]
    public void Star_starting_a_display_name_is_not_the_wildcard()
    {
        var contact = ContactHeader.Parse("*star* <sip:a@b>");

        Assert.False(contact.IsWildcard);
        Assert.Equal("*star*", contact.Address!.DisplayName);
        Assert.True(ContactHeader.Parse(" * ").IsWildcard);
    }

    [Fact]
    public void Malformed_lazy_header_raises_a_parse_exception_on_access()
    {
        var m = WithHeaders("Contact: <sip:a@b>;;\r\nMax-Forwards: 300\r\nContent-Type: text\r\nEvent: ;x\r\n");

        Assert.Contains("Contact", Assert.Throws<SipParseException>(() => m.Contacts).Reason);
        Assert.Contains("Max-Forwards", Assert.Throws<SipParseException>(() => m.MaxForwards).Reason);
        Assert.Contains("Content-Type", Assert.Throws<SipParseException>(() => m.ContentType).Reason);
        Assert.Contains("Event", Assert.Throws<SipParseException>(() => m.Event).Reason);
    }

    [Theory]
    [InlineData("3600", 3600)]
    [InlineData(" 0 ", 0)]
    [InlineData("4294967295", int.MaxValue)]
    [InlineData("4294967296", 3600)]
    [InlineData("10000000000000000000000000", 3600)]
    [InlineData("soon", 3600)]
    public void Expires_treats_malformed_values_as_3600(string value, int expected) =>
        Assert.Equal(expected, WithHeaders("Expires: " + value + "\r\n").Expires);

    [Fact]
    public void Absent_headers_read_as_null_or_empty()
    {
        var m = WithHeaders(string.Empty);

        Assert.Null(m.Expires);
        Assert.Null(m.MaxForwards);
        Assert.Null(m.From);
        Assert.Null(m.CallId);
        Assert.Null(m.Event);
        Assert.Null(m.ContentType);
        Assert.Empty(m.Contacts);
        Assert.Empty(m.Routes);
        Assert.Empty(m.Supported);
        Assert.Empty(m.Authorizations);
    }

    [Fact]
    public void Event_and_subscription_state()
    {
        var m = WithHeaders("o: presence.winfo;id=7\r\nSubscription-State: terminated;reason=timeout;retry-after=30;expires=0\r\nu: presence, dialog\r\n");

        Assert.Equal("presence.winfo", m.Event!.Package);
        Assert.Equal("7", m.Event.Id);
        Assert.True(m.Event.Matches(EventHeader.Parse("PRESENCE.winfo ; id=7")));
        Assert.False(m.Event.Matches(EventHeader.Parse("presence.winfo")));
        Assert.True(m.SubscriptionState!.IsTerminated);
        Assert.Equal("timeout", m.SubscriptionState.Reason);
        Assert.Equal(30, m.SubscriptionState.RetryAfter);
        Assert.Equal(0, m.SubscriptionState.Expires);
        Assert.Equal(["presence", "dialog"], m.AllowEvents);
    }

    [Fact]
    public void Option_tag_lists_merge_lines()
    {
        var m = WithHeaders("Supported: timer, 100rel\r\nk: path\r\nRequire: replaces\r\nProxy-Require: sec-agree\r\nUnsupported: foo\r\n");

        Assert.Equal(["timer", "100rel", "path"], m.Supported);
        Assert.Equal(["replaces"], m.Require);
        Assert.Equal(["sec-agree"], m.ProxyRequire);
        Assert.Equal(["foo"], m.Unsupported);
    }

    [Fact]
    public void Digest_challenge_and_credentials()
    {
        var m = WithHeaders(
            "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n" +
            "Proxy-Authenticate: Digest realm=\"b\", nonce=\"n\", stale=true\r\n" +
            "Authorization: Digest username=\"bob\", realm=\"atlanta.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n" +
            "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n");

        var challenge = Assert.Single(m.WwwAuthenticates);
        Assert.True(challenge.IsDigest);
        Assert.Equal("atlanta.com", challenge.Realm);
        Assert.Equal("f84f1cec41e6cbe5aea9c8e88d359", challenge.Nonce);
        Assert.Equal("auth", challenge.Qop);
        Assert.Equal(string.Empty, challenge.Opaque);
        Assert.Equal("MD5", challenge.Algorithm);
        Assert.False(challenge.Stale);
        Assert.True(Assert.Single(m.ProxyAuthenticates).Stale);
        var credentials = Assert.Single(m.Authorizations);
        Assert.Equal("bob", credentials.Username);
        Assert.Equal("sip:bob@biloxi.com", credentials.DigestUri);
        Assert.Equal("00000001", credentials.NonceCount);
        Assert.Equal("0a4f113b", credentials.Cnonce);
        Assert.Equal("6629fae49393a05397450978507c4ef1", credentials.Response);
        var basic = Assert.Single(m.ProxyAuthorizations);
        Assert.Equal("Basic", basic.Scheme);
        Assert.Equal("QWxhZGRpbjpvcGVuIHNlc2FtZQ==", basic.Token68);
        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", basic.ToString());
        Assert.Equal(credentials.ToString(), AuthHeader.Parse(credentials.ToString()).ToString());
    }

    [Fact]
    public void Media_type_with_parameters()
    {
        var type = MediaType.Parse("multipart/mixed ; boundary=\"abc def\";charset=utf-8");

        Assert.Equal("multipart/mixed", type.MimeType);
        Assert.Equal("abc def", type.Boundary);
        Assert.Equal("utf-8", type.Charset);
        Assert.True(type.IsType("MULTIPART/MIXED"));
        Assert.Equal("multipart/mixed;boundary=\"abc def\";charset=utf-8", type.ToString());
        Assert.Throws<SipParseException>(() => MediaType.Parse("text"));
    }

    [Fact]
    public void CSeq_parse_and_render()
    {
        Assert.Equal(new CSeqHeader(4294967295, "INVITE"), CSeqHeader.Parse("4294967295 INVITE"));
        Assert.Equal("1 ACK", new CSeqHeader(1, "ACK").ToString());
        Assert.Throws<SipParseException>(() => CSeqHeader.Parse("4294967296 INVITE"));
        Assert.Throws<SipParseException>(() => CSeqHeader.Parse("1INVITE"));
    }

    [Fact]
    public void Parameters_unquote_and_quote()
    {
        Assert.Equal("a \"b\" \\c", SipParameters.Unquote("\"a \\\"b\\\" \\\\c\""));
        Assert.Equal("\"a \\\"b\\\" \\\\c\"", SipParameters.Quote("a \"b\" \\c"));
        Assert.Equal("token", SipParameters.Unquote("token"));
    }
}
