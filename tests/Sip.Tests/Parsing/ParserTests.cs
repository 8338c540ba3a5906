using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Parsing;

public class ParserTests
{
    private const string Headers =
        "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.com>\r\n" +
        "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n" +
        "CSeq: 314159 INVITE\r\n";

    private static SipRequest Request(string headersAndBody) =>
        Assert.IsType<SipRequest>(SipParser.Parse("INVITE sip:bob@biloxi.com SIP/2.0\r\n" + headersAndBody));

    [Fact]
    public void Parses_request_line()
    {
        var m = Request(Headers + "Content-Length: 0\r\n\r\n");

        Assert.Equal("INVITE", m.Method);
        Assert.Same(SipMethods.Invite, m.Method);
        Assert.Equal(SipUri.Parse("sip:bob@biloxi.com"), m.RequestUri);
        Assert.Equal("SIP/2.0", m.Version);
        Assert.True(m.IsRequest);
    }

    [Fact]
    public void Parses_status_line()
    {
        var m = Assert.IsType<SipResponse>(SipParser.Parse("SIP/2.0 486 Busy Here\r\n" + Headers + "\r\n"));

        Assert.Equal(486, m.StatusCode);
        Assert.Equal("Busy Here", m.ReasonPhrase);
        Assert.False(m.IsRequest);
        Assert.True(m.IsFinal);
    }

    [Fact]
    public void Status_line_without_reason_phrase_or_its_space_is_accepted()
    {
        var m = Assert.IsType<SipResponse>(SipParser.Parse("SIP/2.0 180\r\n" + Headers + "\r\n"));

        Assert.Equal(180, m.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
    }

    [Theory]
    [InlineData("v", "Via")]
    [InlineData("f", "From")]
    [InlineData("t", "To")]
    [InlineData("i", "Call-ID")]
    [InlineData("m", "Contact")]
    [InlineData("l", "Content-Length")]
    [InlineData("c", "Content-Type")]
    [InlineData("e", "Content-Encoding")]
    [InlineData("s", "Subject")]
    [InlineData("k", "Supported")]
    [InlineData("o", "Event")]
    [InlineData("u", "Allow-Events")]
    [InlineData("r", "Refer-To")]
    [InlineData("b", "Referred-By")]
    [InlineData("x", "Session-Expires")]
    [InlineData("y", "Identity")]
    [InlineData("n", "Identity-Info")]
    [InlineData("a", "Accept-Contact")]
    [InlineData("j", "Reject-Contact")]
    [InlineData("d", "Request-Disposition")]
    public void Compact_forms_match_their_full_names(string compact, string full)
    {
        Assert.Equal(full, HeaderNames.Canonicalize(compact));
        Assert.Equal(full, HeaderNames.Canonicalize(compact.ToUpperInvariant()));
        Assert.Equal(compact, HeaderNames.CompactForm(full.ToLowerInvariant()));
        Assert.True(HeaderNames.AreSame(compact, full));
    }

    [Fact]
    public void Header_lookup_is_case_insensitive_and_understands_compact_forms()
    {
        var m = Request(
            "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nVIA: SIP/2.0/TCP b.example.com;branch=z9hG4bK2\r\n" +
            "t: <sip:bob@biloxi.com>\r\nF: <sip:alice@atlanta.com>;tag=1\r\nI: abc\r\nCSEQ: 1 INVITE\r\nX-Custom: one\r\nx-CUSTOM: two\r\n\r\n");

        Assert.Equal(2, m.Vias.Count);
        Assert.Equal("abc", m.CallId);
        Assert.Equal("abc", m.Headers.Get("call-id"));
        Assert.Equal(["one", "two"], m.Headers.GetAll("X-Custom"));
        Assert.Equal("SIP/2.0/UDP a.example.com;branch=z9hG4bK1", m.Headers.Get("Via"));
        Assert.Equal("v", m.Headers[0].Name);
        Assert.True(m.Headers.Contains("To"));
        Assert.False(m.Headers.Contains("Route"));
    }

    [Fact]
    public void Folded_lines_and_tolerant_white_space_are_unfolded()
    {
        var m = Request(
            "Via  :\tSIP / 2.0 / UDP\r\n  pc33.atlanta.com  ;\r\n\tbranch = z9hG4bK1\r\n" +
            "To:\r\n <sip:bob@biloxi.com>\r\nFrom: <sip:alice@atlanta.com> ; tag = 9\r\nCall-ID: x\r\nCSeq:\r\n\t7\r\n INVITE\r\n" +
            "Subject: a\r\n  b  \r\n\tc\r\n\r\n");

        Assert.Equal("pc33.atlanta.com", m.TopVia!.Host);
        Assert.Equal("z9hG4bK1", m.TopVia.Branch);
        Assert.Equal("9", m.From!.Tag);
        Assert.Equal(new CSeqHeader(7, "INVITE"), m.CSeq);
        Assert.Equal("a b c", m.Headers.Get("Subject"));
        Assert.Equal("<sip:bob@biloxi.com>", m.Headers.Get("To"));
    }

    [Fact]
    public void List_values_split_on_commas_outside_quotes_and_brackets()
    {
        var m = Request(Headers +
            "Contact: \"Doe, John\" <sip:j,k@a.com>;q=0.5, <sip:k@b.com>\r\nAllow: INVITE, ACK,BYE\r\nAllow: OPTIONS\r\n\r\n");

        Assert.Equal(["\"Doe, John\" <sip:j,k@a.com>;q=0.5", "<sip:k@b.com>"], m.Headers.GetValues("Contact"));
        Assert.Equal(["INVITE", "ACK", "BYE", "OPTIONS"], m.Headers.GetValues("Allow"));
        Assert.Equal(2, m.Contacts.Count);
        Assert.Equal("Doe, John", m.Contacts[0].Address!.DisplayName);
        Assert.Equal("j,k", Assert.IsType<SipUri>(m.Contacts[0].Uri).User);
        Assert.Equal(0.5, m.Contacts[0].Q);
    }

    [Fact]
    public void Datagram_without_content_length_takes_the_rest_as_body()
    {
        var m = Request(Headers + "\r\nhello");

        Assert.Equal("hello", Encoding.ASCII.GetString(m.Body.Span));
        Assert.Null(m.ContentLength);
    }

    [Fact]
    public void Datagram_bytes_after_content_length_are_discarded()
    {
        var m = Request(Headers + "Content-Length: 3\r\n\r\nabcdef");

        Assert.Equal("abc", Encoding.ASCII.GetString(m.Body.Span));
        Assert.EndsWith("\r\n\r\nabc", Encoding.ASCII.GetString(m.ToBytes()));
    }

    [Fact]
    public void Fewer_body_bytes_than_content_length_is_an_error()
    {
        var e = Assert.Throws<SipParseException>(() => Request(Headers + "Content-Length: 10\r\n\r\nabc"));

        Assert.Contains("Content-Length 10", e.Reason);
        Assert.True(e.CanReply);
    }

    [Fact]
    public void Leading_crlf_before_the_start_line_is_ignored()
    {
        var text = "\r\n\r\nINVITE sip:bob@biloxi.com SIP/2.0\r\n" + Headers + "\r\n";
        var m = SipParser.Parse(text);

        Assert.Equal(Encoding.ASCII.GetBytes(text.TrimStart()), m.ToBytes());
    }

    [Fact]
    public void Bare_lf_line_ends_are_tolerated()
    {
        var m = SipParser.Parse("INVITE sip:bob@biloxi.com SIP/2.0\n" + Headers.Replace("\r\n", "\n") + "Subject: x\n y\n\nbody");

        Assert.Equal("a84b4c76e66710@pc33.atlanta.com", m.CallId);
        Assert.Equal("x y", m.Headers.Get("Subject"));
        Assert.Equal("body", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void Missing_empty_line_at_the_end_of_a_datagram_means_no_body()
    {
        var m = SipParser.Parse("OPTIONS sip:bob@biloxi.com SIP/2.0\r\n" + Headers.Replace("INVITE", "OPTIONS") + "l: 0\r\n");

        Assert.True(m.Body.IsEmpty);
        Assert.Equal(0, m.ContentLength);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\r\n\r\n", "empty")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0", "not terminated")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\n bad fold\r\n\r\n", "folded line")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nNoColonHere\r\n\r\n", "malformed header")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\n: novalue\r\n\r\n", "malformed header")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nCSeq: x INVITE\r\n\r\n", "CSeq")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nCSeq: 1\r\n\r\n", "CSeq")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nCall-ID:\r\n\r\n", "Call-ID")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP\r\n\r\n", "Via")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h;ttl=256\r\n\r\n", "ttl")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h;rport=x\r\n\r\n", "rport")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h:70000\r\n\r\n", "port")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nFrom: <sip:a@b\r\n\r\n", "From")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nTo: <sip:a@b> junk\r\n\r\n", "To")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\nContent-Length: 1x\r\n\r\n", "Content-Length")]
    [InlineData("INV@TE sip:bob@biloxi.com SIP/2.0\r\n\r\n", "method")]
    [InlineData("INVITE sip:bob@ SIP/2.0\r\n\r\n", "Request-URI")]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0x\r\n\r\n", "version")]
    [InlineData("INVITE sip:bob@biloxi.com\r\n\r\n", "version")]
    [InlineData("SIP/2.0 99 Low\r\n\r\n", "status code")]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n", "status code")]
    [InlineData("SIP/2.0200 OK\r\n\r\n", "version")]
    [InlineData("SIP/3.0 200 OK\r\n\r\n", "version")]
    [InlineData("garbage\r\n\r\n", "Request-URI")]
    public void Malformed_input_raises_a_parse_exception_with_a_reason(string text, string reasonMentions)
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse(text));

        Assert.Contains(reasonMentions, e.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Null(e.InnerException);
        Assert.False(SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var reason));
        Assert.Null(message);
        Assert.Equal(e.Reason, reason);
    }

    [Fact]
    public void Responses_are_never_salvaged_as_requests()
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse("SIP/2.0 200 OK\r\n" + Headers + "Content-Length: 9\r\n\r\n"));

        Assert.False(e.LooksLikeRequest);
        Assert.False(e.CanReply);
    }

    [Fact]
    public void Ack_is_salvaged_but_never_answered()
    {
        var e = Assert.Throws<SipParseException>(() =>
            SipParser.Parse("ACK sip:bob@biloxi.com SIP/2.0\r\n" + Headers.Replace("INVITE", "ACK") + "Content-Length: 9\r\n\r\n"));

        Assert.True(e.LooksLikeRequest);
        Assert.Equal("ACK", e.PartialRequest!.Method);
        Assert.False(e.CanReply);
        Assert.Throws<InvalidOperationException>(() => e.PartialRequest.CreateResponse(400));
    }

    [Fact]
    public void Request_missing_salvageable_headers_cannot_be_answered()
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: x\r\n\r\n"));

        Assert.True(e.LooksLikeRequest);
        Assert.False(e.CanReply);
        Assert.Equal(["SIP/2.0/UDP h"], e.PartialRequest!.Vias);
        Assert.Null(e.PartialRequest.From);
    }

    [Fact]
    public void Span_overload_copies_so_the_caller_may_reuse_its_buffer()
    {
        var bytes = Encoding.ASCII.GetBytes("INVITE sip:bob@biloxi.com SIP/2.0\r\n" + Headers + "\r\n");
        var m = SipParser.Parse((ReadOnlySpan<byte>)bytes);
        Array.Clear(bytes);

        Assert.Equal("a84b4c76e66710@pc33.atlanta.com", m.CallId);
    }

    [Fact]
    public void Memory_overload_keeps_a_slice_of_the_buffer_without_copying()
    {
        var bytes = Encoding.ASCII.GetBytes("xxINVITE sip:bob@biloxi.com SIP/2.0\r\n" + Headers + "\r\nyy");
        var m = SipParser.Parse(new ReadOnlyMemory<byte>(bytes, 2, bytes.Length - 2));

        Assert.Equal("yy", Encoding.ASCII.GetString(m.Body.Span));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(m.Body, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public void Unsupported_version_is_answered_505()
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse("OPTIONS sip:bob@biloxi.com SIP/3.0\r\n" + Headers + "\r\n"));

        Assert.Equal(505, e.StatusCode);
        Assert.Equal(505, e.CreateErrorResponse()!.StatusCode);
    }

    [Fact]
    public void Many_headers_beyond_the_initial_capacity_are_kept_in_order()
    {
        var sb = new StringBuilder("OPTIONS sip:bob@biloxi.com SIP/2.0\r\n").Append(Headers);
        for (var i = 0; i < 200; i++)
        {
            sb.Append("X-H").Append(i).Append(": ").Append(i).Append("\r\n");
        }

        var m = SipParser.Parse(sb.Append("\r\n").ToString());

        Assert.Equal(206, m.Headers.Count);
        Assert.Equal("199", m.Headers.Get("X-H199"));
        Assert.Equal(new SipHeader("X-H0", "0"), m.Headers[6]);
    }
}
