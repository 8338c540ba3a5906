using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Uris;

public class SipUriTests
{
    [Fact]
    public void Parses_every_component()
    {
        var uri = SipUri.Parse("sips:alice:secret@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1;ttl=15;user=phone;method=REGISTER?subject=project%20x&priority=urgent");

        Assert.True(uri.IsSecure);
        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("atlanta.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("atlanta.com:5061", uri.HostPort);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.LooseRouting);
        Assert.Equal("239.255.255.1", uri.Maddr);
        Assert.Equal(15, uri.Ttl);
        Assert.Equal("phone", uri.UserParameter);
        Assert.Equal("REGISTER", uri.MethodParameter);
        Assert.Equal("project x", uri.Headers["subject"]);
        Assert.Equal("urgent", uri.Headers["priority"]);
    }

    [Theory]
    [InlineData("sip:[2001:db8::1]", "[2001:db8::1]", null)]
    [InlineData("sip:user@[::1]:5070", "[::1]", 5070)]
    [InlineData("sip:192.0.2.4:5060", "192.0.2.4", 5060)]
    [InlineData("sip:host", "host", null)]
    public void Parses_hosts(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);

        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:")]
    [InlineData("sip:user@host:99999")]
    [InlineData("sip:us er@host")]
    [InlineData("sip:user@host;")]
    [InlineData("sip:user@host;a=")]
    [InlineData("sip:user@host?x")]
    [InlineData("sip:user@host?=1")]
    [InlineData("sip:us%4@host")]
    [InlineData("sip:user@[zz::1]")]
    [InlineData("sip:user@host>")]
    [InlineData("<sip:user@host>")]
    [InlineData("tel:")]
    [InlineData("tel:+12;a b")]
    [InlineData("1sip:x")]
    [InlineData("foo:")]
    [InlineData("foo:a b")]
    public void Rejects_malformed_uris(string text)
    {
        Assert.Throws<SipParseException>(() => AnyUri.Parse(text));
        Assert.False(AnyUri.TryParse(text, out var uri));
        Assert.Null(uri);
    }

    /// <summary>RFC 3261 19.1.4, the equivalent pairs.</summary>
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("SIP:alice@atlanta.com", "sip:alice@atlanta.com")]
    [InlineData("sip:alice@[2001:db8::1]", "sip:alice@[2001:0db8:0:0::1]")]
    [InlineData("sip:alice@host;ttl=5", "sip:alice@host;ttl=05")]
    [InlineData("sip:alice@host;lr", "sip:alice@host;LR")]
    public void Equivalent_uris_are_equal_with_equal_hash_codes(string a, string b)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);

        Assert.Equal(x, y);
        Assert.Equal(y, x);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    /// <summary>RFC 3261 19.1.4, the non-equivalent pairs, and the rules they illustrate.</summary>
    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    [InlineData("sip:alice:a@atlanta.com", "sip:alice:b@atlanta.com")]
    [InlineData("sip:alice@atlanta.com", "sip:alice@atlanta.com;user=phone")]
    [InlineData("sip:alice@atlanta.com", "sip:alice@atlanta.com;ttl=1")]
    [InlineData("sip:alice@atlanta.com", "sip:alice@atlanta.com;method=INVITE")]
    [InlineData("sip:alice@atlanta.com", "sip:alice@atlanta.com;maddr=1.2.3.4")]
    [InlineData("sip:alice@atlanta.com;method=INVITE", "sip:alice@atlanta.com;method=invite")]
    [InlineData("sip:alice@atlanta.com;foo=Bar", "sip:alice@atlanta.com;foo=bar")]
    [InlineData("sip:alice@atlanta.com?subject=a", "sip:alice@atlanta.com?subject=A")]
    [InlineData("sip:a%3bb@atlanta.com", "sip:a;b@atlanta.com")]
    [InlineData("sip:alice@atlanta.com", "sip:atlanta.com")]
    public void Different_uris_are_not_equal(string a, string b)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);

        Assert.NotEqual(x, y);
        Assert.NotEqual(y, x);
    }

    [Fact]
    public void Unreserved_characters_are_equivalent_to_their_escapes_but_reserved_ones_are_not()
    {
        Assert.Equal(SipUri.Parse("sip:%7euser%2dx@h"), SipUri.Parse("sip:~user-x@h"));
        Assert.NotEqual(SipUri.Parse("sip:a%40b@h"), SipUri.Parse("sip:a%3Ab@h"));
        Assert.Equal(SipUri.Parse("sip:a%3ab@h"), SipUri.Parse("sip:a%3Ab@h"));
    }

    [Fact]
    public void Built_uri_escapes_its_components()
    {
        var uri = new SipUri("example.com", 5070, "a b@c", parameters: new SipParameters([new SipParameter("x", "1;2")]))
            .WithHeader("Subject", "hi there");

        Assert.Equal("sip:a%20b%40c@example.com:5070;x=1%3B2?Subject=hi%20there", uri.ToString());
        var parsed = SipUri.Parse(uri.ToString());
        Assert.Equal("a b@c", parsed.User);
        Assert.Equal("1;2", parsed.Parameters["x"]);
        Assert.Equal(uri, parsed);
    }

    [Fact]
    public void With_methods_return_modified_copies()
    {
        var uri = SipUri.Parse("sip:alice@atlanta.com;transport=udp?x=1");

        Assert.Equal("sip:alice@atlanta.com:5080;transport=udp?x=1", uri.WithPort(5080).ToString());
        Assert.Equal("sips:bob@biloxi.com;transport=udp?x=1", uri.WithUser("bob").WithHost("biloxi.com").WithSecure(true).ToString());
        Assert.Equal("sip:alice@atlanta.com;transport=udp;lr?x=1", uri.WithParameter("lr").ToString());
        Assert.Equal("sip:alice@atlanta.com?x=1", uri.WithoutParameter("transport").ToString());
        Assert.Equal("sip:alice@atlanta.com;transport=udp", uri.WithoutHeaders().ToString());
        Assert.Equal("sip:atlanta.com;transport=udp?x=1", uri.WithUser(null).ToString());
        Assert.Equal("sip:alice@atlanta.com;transport=udp?x=1", uri.ToString());
    }

    [Fact]
    public void Parsed_uri_renders_as_written()
    {
        const string text = "sip:%61lice@AtLanTa.CoM;Transport=TCP;n%61me=v";

        Assert.Equal(text, SipUri.Parse(text).ToString());
    }

    [Fact]
    public void Tel_uri_compares_without_visual_separators()
    {
        var tel = Assert.IsType<TelUri>(AnyUri.Parse("tel:+1-201-555-0123;ext=12"));

        Assert.True(tel.IsGlobal);
        Assert.Equal("+1-201-555-0123", tel.Number);
        Assert.Equal("12", tel.Parameters["ext"]);
        Assert.Equal(tel, AnyUri.Parse("TEL:+1.201.555.0123;EXT=12"));
        Assert.NotEqual(tel, AnyUri.Parse("tel:+1-201-555-0123"));
        Assert.NotEqual<AnyUri>(tel, AnyUri.Parse("tel:1-201-555-0123;ext=12"));
        Assert.Equal("tel:+1-201-555-0123;ext=12", tel.ToString());
        Assert.Equal("example.com", Assert.IsType<TelUri>(AnyUri.Parse("tel:7042;phone-context=example.com")).PhoneContext);
    }

    [Fact]
    public void Other_schemes_are_opaque()
    {
        var uri = Assert.IsType<AbsoluteUri>(AnyUri.Parse("urn:service:sos"));

        Assert.Equal("urn", uri.Scheme);
        Assert.Equal("service:sos", uri.SchemeSpecificPart);
        Assert.Equal(uri, AnyUri.Parse("URN:service:sos"));
        Assert.NotEqual<AnyUri>(uri, AnyUri.Parse("urn:service:SOS"));
        Assert.NotEqual<AnyUri>(uri, SipUri.Parse("sip:service"));
    }

    [Fact]
    public void Sip_uri_parse_rejects_other_schemes()
    {
        Assert.Throws<SipParseException>(() => SipUri.Parse("tel:+123"));
    }
}
