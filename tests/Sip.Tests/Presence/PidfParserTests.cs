using System.Text;
using ClusterSip.Sip.Presence;

namespace ClusterSip.Sip.Tests.Presence;

public class PidfParserTests
{
    // The shape of RFC 3863's examples: two tuples, extensions in status, notes in two languages, a presentity note.
    private const string Rfc3863Example = """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf"
            xmlns:im="urn:ietf:params:xml:ns:pidf:im"
            xmlns:myex="http://id.example.com/presence/"
            entity="pres:someone@example.com">
          <tuple id="bs35r9">
            <status>
              <basic>open</basic>
              <im:im>busy</im:im>
              <myex:location>home</myex:location>
            </status>
            <contact priority="0.8">im:someone@mobilecarrier.net</contact>
            <note xml:lang="en">Don't Disturb Please!</note>
            <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
            <timestamp>2001-10-27T16:49:29Z</timestamp>
          </tuple>
          <tuple id="eg92n8">
            <status>
              <basic>open</basic>
            </status>
            <contact priority="1.0">mailto:someone@example.com</contact>
          </tuple>
          <note>I'll be in Tokyo next week</note>
        </presence>
        """;

    [Fact]
    public void Reads_the_rfc3863_example()
    {
        var doc = PidfParser.Parse(Rfc3863Example);

        Assert.Equal("pres:someone@example.com", doc.Entity);
        Assert.Equal(["bs35r9", "eg92n8"], doc.Tuples.Select(t => t.Id));
        var first = doc.Tuples.Single(t => t.Id == "bs35r9");
        Assert.Equal(PidfBasic.Open, first.Basic);
        Assert.Equal(new PidfContact("im:someone@mobilecarrier.net", 0.8m), first.Contact);
        Assert.Equal([new PidfNote("Don't Disturb Please!", "en"), new PidfNote("Ne derangez pas, s'il vous plait", "fr")], first.Notes);
        Assert.Equal(new DateTimeOffset(2001, 10, 27, 16, 49, 29, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(1.0m, doc.Tuples.Single(t => t.Id == "eg92n8").Contact!.Priority);
        Assert.Null(doc.Tuples.Single(t => t.Id == "eg92n8").Timestamp);
        Assert.Equal([new PidfNote("I'll be in Tokyo next week", null)], doc.Notes);
    }

    [Fact]
    public void Reads_a_minimal_closed_document_from_utf8_bytes_with_a_bom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:bob@example.com'><tuple id='t1'><status><basic>closed</basic></status></tuple></presence>")).ToArray();

        var doc = PidfParser.Parse(bytes);

        Assert.Equal(PidfBasic.Closed, doc.Tuples.Single().Basic);
        Assert.Null(doc.Tuples.Single().Contact);
    }

    [Fact]
    public void A_status_with_only_extensions_has_no_basic()
    {
        var doc = PidfParser.Parse(Wrap("<tuple id='a'><status><im:im xmlns:im='urn:ietf:params:xml:ns:pidf:im'>away</im:im></status></tuple>"));

        Assert.Null(doc.Tuples.Single().Basic);
    }

    [Fact]
    public void Note_language_is_inherited_from_an_enclosing_element()
    {
        var doc = PidfParser.Parse(
            "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b' xml:lang='de'><note>Mittag</note></presence>");

        Assert.Equal("de", doc.Notes.Single().Language);
    }

    [Theory]
    [InlineData("", "not well-formed")]
    [InlineData("<presence", "not well-formed")]
    [InlineData("just text", "not well-formed")]
    [InlineData("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b'><tuple id='a'>", "not well-formed")]
    [InlineData("<presence entity='pres:a@b'/>", "not {urn:ietf:params:xml:ns:pidf}presence")]
    [InlineData("<status xmlns='urn:ietf:params:xml:ns:pidf'/>", "not {urn:ietf:params:xml:ns:pidf}presence")]
    [InlineData("<presence xmlns='urn:ietf:params:xml:ns:pidf'/>", "entity attribute")]
    [InlineData("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='no uri'/>", "entity attribute")]
    public void Malformed_documents_are_rejected_with_a_reason(string xml, string reason)
    {
        var e = Assert.Throws<PidfParseException>(() => PidfParser.Parse(xml));

        Assert.Contains(reason, e.Reason);
    }

    [Theory]
    [InlineData("<tuple><status/></tuple>", "id attribute")]
    [InlineData("<tuple id='a'/>", "has no status")]
    [InlineData("<tuple id='a'><status/><status/></tuple>", "more than one status")]
    [InlineData("<tuple id='a'><status/></tuple><tuple id='a'><status/></tuple>", "more than once")]
    [InlineData("<tuple id='a'><status><basic>busy</basic></status></tuple>", "expected open or closed")]
    [InlineData("<tuple id='a'><status><basic>open</basic><basic>open</basic></status></tuple>", "more than one basic")]
    [InlineData("<tuple id='a'><status/><contact priority='1.5'>sip:a@b</contact></tuple>", "priority")]
    [InlineData("<tuple id='a'><status/><contact priority='-0.1'>sip:a@b</contact></tuple>", "priority")]
    [InlineData("<tuple id='a'><status/><contact priority='0.1234'>sip:a@b</contact></tuple>", "priority")]
    [InlineData("<tuple id='a'><status/><contact priority='high'>sip:a@b</contact></tuple>", "priority")]
    [InlineData("<tuple id='a'><status/><contact>  </contact></tuple>", "not a URI")]
    [InlineData("<tuple id='a'><status/><timestamp>yesterday</timestamp></tuple>", "xs:dateTime")]
    [InlineData("<tuple id='a'><status/><colour/></tuple>", "unknown PIDF element colour")]
    [InlineData("<mood/>", "unknown PIDF element mood")]
    [InlineData("<tuple id='a'><status><x:geo xmlns:x='urn:x' xmlns:p='urn:ietf:params:xml:ns:pidf' p:mustUnderstand='true'/></status></tuple>", "mustUnderstand")]
    public void Invalid_pidf_is_rejected_with_a_reason(string content, string reason)
    {
        var e = Assert.Throws<PidfParseException>(() => PidfParser.Parse(Wrap(content)));

        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Extensions_without_mustUnderstand_are_skipped()
    {
        var doc = PidfParser.Parse(Wrap("<tuple id='a'><status><basic>open</basic></status><x:geo xmlns:x='urn:x'/></tuple><x:other xmlns:x='urn:x'/>"));

        Assert.Equal(PidfBasic.Open, doc.Tuples.Single().Basic);
    }

    [Fact]
    public void A_dtd_is_refused_so_no_entity_is_expanded_and_no_file_read()
    {
        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE presence [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@b"><note>&xxe;</note></presence>
            """;

        var e = Assert.Throws<PidfParseException>(() => PidfParser.Parse(xxe));

        Assert.Contains("DTD", e.Reason);
    }

    [Fact]
    public void TryParse_reports_the_reason_instead_of_throwing()
    {
        Assert.False(PidfParser.TryParse("<x/>"u8, out var doc, out var error));
        Assert.Null(doc);
        Assert.Contains("root element", error);
        Assert.True(PidfParser.TryParse(Encoding.UTF8.GetBytes(Wrap("")), out doc, out error));
        Assert.Null(error);
        Assert.Empty(doc!.Tuples);
    }

    private static string Wrap(string content) =>
        $"<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:someone@example.com'>{content}</presence>";
}
