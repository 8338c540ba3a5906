using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Tests.TestData;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Rfc4475;

/// <summary>RFC 4475 3.1.1: valid messages, and what a careful parser must find in them.</summary>
public class ValidMessageTests
{
    public static TheoryData<string> RoundTripping => new()
    {
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "semiuri", "transports", "mpart01",
        "unreason", "noreason",
    };

    [Theory]
    [MemberData(nameof(RoundTripping))]
    public void Unchanged_message_serializes_to_the_original_bytes(string name)
    {
        var bytes = TestFiles.Rfc4475(name);
        var message = Vectors.Parse(name);

        Assert.Equal(bytes, message.ToBytes());
        Assert.Equal(bytes.Length, message.GetByteCount());
    }

    [Fact]
    public void Wsinv_short_tortuous_invite_reads_every_folded_and_spaced_value()
    {
        var m = Vectors.Request("wsinv");

        Assert.Equal("INVITE", m.Method);
        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("vivekg", ruri.User);
        Assert.Equal("chair-dnrc.example.com", ruri.Host);
        Assert.True(ruri.Parameters.Contains("unknownparam"));
        Assert.Equal(SipUri.Parse("sip:vivekg@chair-dnrc.example.com"), m.To!.Uri);
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal("J Rosenberg \\\"", m.From!.DisplayName);
        Assert.Equal(SipUri.Parse("sip:jdrosen@example.com"), m.From.Uri);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(new CSeqHeader(9, "INVITE"), m.CSeq);
        Assert.Equal(
            [("UDP", "192.0.2.2", "390skdjuw"), ("TCP", "spindle.example.com", "z9hG4bK9ikj8"), ("UDP", "192.168.255.111", "z9hG4bK30239")],
            m.Vias.Select(v => (v.Transport, v.Host, v.Branch)).ToArray());
        Assert.All(m.Vias, v => Assert.Equal(("SIP", "2.0"), (v.ProtocolName, v.ProtocolVersion)));
        Assert.Equal(string.Empty, m.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", m.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.Headers.Get("UnknownHeaderWithUnusualValue"));
        Assert.True(m.ContentType!.IsType("application/sdp"));
        var route = Assert.Single(m.Routes);
        var routeUri = Assert.IsType<SipUri>(route.Uri);
        Assert.True(routeUri.LooseRouting);
        Assert.Equal("value", routeUri.Parameters["unknownwith"]);
        Assert.True(routeUri.Parameters.Contains("unknown-no-value"));
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("Quoted string \"\"", contact.Address!.DisplayName);
        Assert.Equal(SipUri.Parse("sip:jdrosen@example.com"), contact.Uri);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal(0.33, contact.Q);
    }

    [Fact]
    public void Intmeth_accepts_the_full_range_of_token_and_quoted_characters()
    {
        var m = Vectors.Request("intmeth");
        const string method = "!interesting-Method0123456789_*+`.%indeed'~";

        Assert.Equal(method, m.Method);
        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.Password);
        Assert.Equal("example.com", ruri.Host);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", m.TopVia!.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7f", m.To!.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", Assert.IsType<SipUri>(m.To.Uri).User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From!.DisplayName);
        Assert.Equal("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\"", m.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("_token~1'+`*%!-.", m.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(new CSeqHeader(139122385, method), m.CSeq);
        Assert.Equal(255, m.MaxForwards);
        Assert.Equal("\ufeff\u5927\u505c\u96fb", m.Headers.Get("extensionHeader-!.%*+_`'~"));
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Esc01_decodes_escapes_once_and_compares_escaped_uris_equal()
    {
        var m = Vectors.Request("esc01");

        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("sips:user@example.com", ruri.User);
        Assert.Equal("example.net", ruri.Host);
        Assert.Equal(SipUri.Parse("sip:user@example.com"), m.To!.Uri);
        Assert.Equal("I have spaces", Assert.IsType<SipUri>(m.From!.Uri).User);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", m.CallId);
        Assert.True(m.ContentType!.IsType("application/sdp"));
        var contact = Assert.IsType<SipUri>(Assert.Single(m.Contacts).Uri);
        Assert.Equal("caller", contact.User);
        Assert.True(contact.LooseRouting);
        Assert.Equal("value%41", contact.Parameters["name"]);
        Assert.Equal(SipUri.Parse("sip:caller@host5.example.net;lr;name=value%2541"), contact);
        Assert.NotEqual(SipUri.Parse("sip:caller@host5.example.net;lr;name=valueA"), contact);
    }

    [Fact]
    public void Escnull_keeps_escaped_nulls_in_user_parts()
    {
        var m = Vectors.Request("escnull");

        Assert.Equal("null-\0-null", Assert.IsType<SipUri>(m.To!.Uri).User);
        Assert.Equal("null-\0-null", Assert.IsType<SipUri>(m.From!.Uri).User);
        Assert.Equal(new[] { "\0", "\0\0" }, m.Contacts.Select(c => Assert.IsType<SipUri>(c.Uri).User));
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Esc02_treats_percent_literally_where_it_is_not_an_escape()
    {
        var m = Vectors.Request("esc02");

        Assert.Equal("RE%47IST%45R", m.Method);
        Assert.Equal("RE%47IST%45R", m.CSeq!.Method);
        Assert.Equal("%Z%45", m.To!.DisplayName);
        Assert.Equal("%Z%45", m.From!.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", m.TopVia!.Branch);
        Assert.Equal(
            ["sip:alias1@host1.example.com", "sip:alias3@host3.example.com"],
            m.Contacts.Select(c => c.Uri!.ToString()).ToArray());
        Assert.Equal("<sip:alias2@host2.example.com>", m.Headers.Get("C%6Fntact"));
    }

    [Fact]
    public void Lwsdisp_accepts_no_space_between_display_name_and_bracket()
    {
        var m = Vectors.Request("lwsdisp");

        Assert.Equal("caller", m.From!.DisplayName);
        Assert.Equal(SipUri.Parse("sip:caller@example.com"), m.From.Uri);
        Assert.Equal("323", m.From.Tag);
    }

    [Fact]
    public void Longreq_reads_long_values_and_every_via_spelling()
    {
        var m = Vectors.Request("longreq");

        Assert.StartsWith("I have a user name of extremeextreme", m.To!.DisplayName);
        var to = Assert.IsType<SipUri>(m.To.Uri);
        Assert.Equal(6000, to.Port);
        Assert.Equal("shortvalue", to.Parameters["longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"]);
        Assert.EndsWith("ParameterNameWithNoValue", to.Parameters[^1].Name);
        Assert.StartsWith("amazinglylongcallername", Assert.IsType<SipUri>(m.From!.Uri).User);
        Assert.StartsWith("129829829829", m.From.Tag);
        Assert.Equal(34, m.Vias.Count);
        Assert.Equal("sip33.example.com", m.TopVia!.Host);
        Assert.Equal(Enumerable.Range(1, 33).Reverse().Select(i => $"sip{i}.example.com").Append("host.example.com"), m.Vias.Select(v => v.Host));
        Assert.EndsWith("longbranchvalue", m.Vias[^1].Branch);
        Assert.Equal("192.0.2.5", m.Vias[^1].Received);
        Assert.Equal(new CSeqHeader(3882340, "INVITE"), m.CSeq);
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Dblreq_discards_the_octets_after_content_length()
    {
        var bytes = TestFiles.Rfc4475("dblreq");
        var m = Vectors.Request("dblreq");

        Assert.Equal("REGISTER", m.Method);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
        Assert.True(m.Body.IsEmpty);
        var firstMessageLength = Encoding.ASCII.GetString(bytes).IndexOf("INVITE", StringComparison.Ordinal) - 2;
        Assert.Equal(bytes[..firstMessageLength], m.ToBytes());
    }

    [Fact]
    public void Semiuri_keeps_semicolons_of_the_user_part_out_of_the_parameters()
    {
        var m = Vectors.Request("semiuri");

        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("user;par=u@example.net", ruri.User);
        Assert.Equal("example.com", ruri.Host);
        Assert.Empty(ruri.Parameters);
        Assert.Equal(
            ["application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed", "message/sip", "message/sipfrag"],
            m.Headers.GetValues("Accept"));
    }

    [Fact]
    public void Transports_reads_vias_of_every_transport()
    {
        var m = Vectors.Request("transports");

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport).ToArray());
        Assert.Equal("t4.example.com", m.Vias[3].Host);
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", m.CallId);
    }

    [Fact]
    public void Mpart01_keeps_the_binary_multipart_body_intact()
    {
        var bytes = TestFiles.Rfc4475("mpart01");
        var m = Vectors.Request("mpart01");

        Assert.Equal("MESSAGE", m.Method);
        Assert.Equal("multipart/mixed", m.ContentType!.MimeType);
        Assert.Equal("7a9cbec02ceef655", m.ContentType.Boundary);
        Assert.Equal(553, m.Body.Length);
        Assert.Equal(bytes[^553..], m.Body.ToArray());
        Assert.StartsWith("--7a9cbec02ceef655\r\n", Encoding.Latin1.GetString(m.Body.Span));
        Assert.True(m.TopVia!.HasRport);
        Assert.Null(m.TopVia.Rport);
    }

    [Fact]
    public void Unreason_reads_a_utf8_reason_phrase()
    {
        var m = Vectors.Response("unreason");

        Assert.Equal(200, m.StatusCode);
        Assert.Equal(
            "= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435",
            m.ReasonPhrase);
        Assert.Equal(154, m.Body.Length);
    }

    [Fact]
    public void Noreason_reads_an_empty_reason_phrase()
    {
        var m = Vectors.Response("noreason");

        Assert.Equal(100, m.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
        Assert.Equal("902jndnke3", m.To!.Tag);
    }
}
