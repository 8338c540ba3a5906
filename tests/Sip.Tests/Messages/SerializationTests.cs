using System.Buffers;
using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Messages;

public class SerializationTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(SampleMessages.Invite));

    private static string Text(SipMessage m) => Encoding.UTF8.GetString(m.ToBytes());

    [Fact]
    public void Unchanged_message_is_written_identically_by_every_writer()
    {
        var m = Invite();
        var expected = Encoding.ASCII.GetBytes(SampleMessages.Invite);
        var buffer = new ArrayBufferWriter<byte>();
        var span = new byte[expected.Length + 10];

        m.WriteTo(buffer);
        var written = m.WriteTo(span);

        Assert.Equal(expected, m.ToBytes());
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(expected, span[..written]);
        Assert.Equal(expected.Length, m.GetByteCount());
        Assert.Equal(SampleMessages.Invite, m.ToString());
    }

    [Fact]
    public void Changing_the_top_via_rewrites_only_that_value()
    {
        var m = Invite();

        m.SetTopVia(m.TopVia!.WithParameter("received", "192.0.2.1"));

        var expected = SampleMessages.Invite.Replace(
            "branch=z9hG4bK776asdhds;rport\r\n", "branch=z9hG4bK776asdhds;rport;received=192.0.2.1\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, Text(m));
        Assert.Equal("192.0.2.1", m.TopVia!.Received);
        Assert.Equal(3, m.Vias.Count);
    }

    [Fact]
    public void Changed_message_is_written_identically_by_every_writer()
    {
        var m = Invite();
        m.Headers.Add("X-Test", "yes");
        var expected = m.ToBytes();
        var buffer = new ArrayBufferWriter<byte>();
        var span = new byte[expected.Length];

        m.WriteTo(buffer);
        m.WriteTo(span);

        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(expected, span);
        Assert.Equal(expected.Length, m.GetByteCount());
        Assert.Throws<ArgumentException>(() => m.WriteTo(new byte[expected.Length - 1]));
    }

    [Fact]
    public void Changing_the_body_rewrites_content_length_keeping_its_compact_name()
    {
        var m = Invite();

        m.Body = Encoding.ASCII.GetBytes("v=0\r\n");

        var text = Text(m);
        Assert.Contains("\r\nl: 5\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nv=0\r\n", text, StringComparison.Ordinal);
        var reparsed = SipParser.Parse(m.ToBytes());
        Assert.Equal(5, reparsed.ContentLength);
        Assert.Equal("v=0\r\n", Encoding.ASCII.GetString(reparsed.Body.Span));
    }

    [Fact]
    public void Content_length_is_added_when_a_changed_message_had_none()
    {
        var m = SipParser.Parse("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\nabc");

        m.Headers.Add("Subject", "s");

        Assert.Equal("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nSubject: s\r\nContent-Length: 3\r\n\r\nabc", Text(m));
    }

    [Fact]
    public void Folded_lines_are_copied_verbatim_when_other_headers_change()
    {
        const string text = "OPTIONS sip:a@b SIP/2.0\r\nSubject: one\r\n two\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n";
        var m = SipParser.Parse(text);

        m.Headers.Set("Call-ID", "y");

        Assert.Equal(text.Replace("Call-ID: x", "Call-ID: y", StringComparison.Ordinal), Text(m));
    }

    [Theory]
    [InlineData("Subject: one  \t\r\n")] // trailing white space
    [InlineData("Subject: one\r\n   \r\n\t\r\n")] // continuation lines of white space only
    [InlineData("Subject: one\r\n two \r\n  \r\n")] // a value continued, then white space
    [InlineData("Subject:\r\n \r\n")] // an empty value continued by white space
    [InlineData("Subject: one\n two\r\n")] // a bare line feed inside the line
    public void Received_lines_are_copied_to_their_exact_end_when_other_headers_change(string line)
    {
        var text = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n" + line + "X-Custom-Name :  v\r\nContent-Length: 0\r\n\r\n";
        var m = SipParser.Parse(text);

        m.Headers.Set("Call-ID", "y");
        m.Headers.SetAt(m.Headers.IndexOf("X-Custom-Name"), "w");

        var expected = text.Replace("Call-ID: x", "Call-ID: y", StringComparison.Ordinal)
            .Replace("X-Custom-Name :  v", "X-Custom-Name: w", StringComparison.Ordinal);
        Assert.Equal(expected, Text(m));
        Assert.Equal("X-Custom-Name", m.Headers[m.Headers.IndexOf("x-custom-name")].Name);
    }

    [Fact]
    public void Changing_the_request_uri_rewrites_the_start_line()
    {
        var m = Invite();

        m.RequestUri = SipUri.Parse("sip:bob@192.0.2.4:5060");

        Assert.StartsWith("INVITE sip:bob@192.0.2.4:5060 SIP/2.0\r\nVia: ", Text(m), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_reason_phrase_rewrites_the_status_line()
    {
        var m = Assert.IsType<SipResponse>(SipParser.Parse("SIP/2.0 200 OK\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n"));

        m.ReasonPhrase = "Fine";

        Assert.Equal("SIP/2.0 200 Fine\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n", Text(m));
        Assert.Throws<ArgumentException>(() => m.ReasonPhrase = "a\r\nb");
    }

    [Fact]
    public void Built_request_serializes_and_parses_back()
    {
        var m = new SipRequest(SipMethods.Message, SipUri.Parse("sip:bob@biloxi.com"));
        m.Headers.Add(HeaderNames.Via, new ViaHeader("TCP", "10.0.0.1", 5060, new SipParameters([new("branch", "z9hG4bKabc")])).ToString());
        m.Headers.Add(HeaderNames.From, "<sip:alice@atlanta.com>;tag=1");
        m.Headers.Add(HeaderNames.To, "<sip:bob@biloxi.com>");
        m.Headers.Add(HeaderNames.CallId, "c1");
        m.Headers.Add(HeaderNames.CSeq, "1 MESSAGE");
        m.Headers.Add(HeaderNames.ContentType, "text/plain");
        m.Body = Encoding.UTF8.GetBytes("h\u00e9");

        Assert.Equal(
            "MESSAGE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKabc\r\nFrom: <sip:alice@atlanta.com>;tag=1\r\n" +
            "To: <sip:bob@biloxi.com>\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nh\u00e9",
            Text(m));
        var parsed = Assert.IsType<SipRequest>(SipParser.Parse(m.ToBytes()));
        Assert.Equal("z9hG4bKabc", parsed.TopVia!.Branch);
        Assert.Equal(3, parsed.Body.Length);
    }

    [Fact]
    public void Built_response_uses_the_default_reason_phrase()
    {
        Assert.StartsWith("SIP/2.0 489 Bad Event\r\n", Text(new SipResponse(489)), StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 Yes\r\n", Text(new SipResponse(200, "Yes")), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipResponse(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipResponse(700));
    }

    [Fact]
    public void Header_collection_edits()
    {
        var m = SipParser.Parse("OPTIONS sip:a@b SIP/2.0\r\nA: 1\r\nB: 2\r\nA: 3\r\n\r\n");

        m.Headers.Insert(1, "C", "4");
        m.Headers.Prepend("A", "0");
        m.Headers.Prepend("D", "5");
        Assert.Equal("A:0 A:1 C:4 B:2 A:3 D:5", string.Join(' ', m.Headers.Select(h => h.Name + ":" + h.Value)));
        m.Headers.Set("A", "9");
        Assert.Equal("A:9 C:4 B:2 D:5", string.Join(' ', m.Headers.Select(h => h.Name + ":" + h.Value)));
        Assert.Equal(1, m.Headers.Remove("b"));
        Assert.True(m.Headers.RemoveFirst("C"));
        Assert.False(m.Headers.RemoveFirst("C"));
        m.Headers.RemoveAt(0);
        Assert.Equal(["D"], m.Headers.Select(h => h.Name));
        Assert.Equal(-1, m.Headers.IndexOf("A"));
        Assert.Throws<ArgumentException>(() => m.Headers.Add("Bad Name", "x"));
        Assert.Throws<ArgumentException>(() => m.Headers.Add("X", "a\r\nInjected: 1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Headers[5]);
    }

    [Fact]
    public void Editing_headers_refreshes_typed_values()
    {
        var m = Invite();
        Assert.Equal("a84b4c76e66710@pc33.atlanta.com", m.CallId);

        m.Headers.Set("i", "new-id");
        m.Headers.Set(HeaderNames.CSeq, "2 INVITE");

        Assert.Equal("new-id", m.CallId);
        Assert.Equal(2u, m.CSeq!.Number);
        Assert.Equal("Call-ID", m.Headers[m.Headers.IndexOf("Call-ID")].Name);
    }
}
