using ClusterSip.Sip.Presence;

namespace ClusterSip.Sip.Tests.Presence;

public class PidfWriterTests
{
    private static readonly PidfDocument Full = new(
        "pres:someone@example.com",
        [
            new PidfTuple("bs35r9", PidfBasic.Open, new PidfContact("im:someone@mobilecarrier.net", 0.8m),
                [new PidfNote("Don't Disturb <Please>!", "en"), new PidfNote("Ne derangez pas", "fr")],
                new DateTimeOffset(2001, 10, 27, 16, 49, 29, TimeSpan.Zero)),
            new PidfTuple("eg92n8", PidfBasic.Closed, new PidfContact("mailto:someone@example.com", null), [], null),
            new PidfTuple("x", null, null, [], null),
        ],
        [new PidfNote("I'll be in Tokyo & Osaka next week", null)]);

    [Fact]
    public void A_written_document_reads_back_equal()
    {
        var back = PidfParser.Parse(PidfWriter.ToBytes(Full));

        Assert.Equal(Full.Entity, back.Entity);
        Assert.Equal(Full.Tuples.Count, back.Tuples.Count);
        for (var i = 0; i < Full.Tuples.Count; i++)
        {
            Assert.Equal(Full.Tuples[i] with { Notes = [] }, back.Tuples[i] with { Notes = [] });
            Assert.Equal(Full.Tuples[i].Notes, back.Tuples[i].Notes);
        }

        Assert.Equal(Full.Notes, back.Notes);
    }

    [Fact]
    public void The_document_is_utf8_pidf_with_the_basic_status_and_priority_as_rfc3863_writes_them()
    {
        var xml = PidfWriter.ToXml(Full);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        Assert.Contains("<presence entity=\"pres:someone@example.com\" xmlns=\"urn:ietf:params:xml:ns:pidf\">", xml);
        Assert.Contains("<basic>open</basic>", xml);
        Assert.Contains("<contact priority=\"0.8\">im:someone@mobilecarrier.net</contact>", xml);
        Assert.Contains("<note xml:lang=\"en\">Don't Disturb &lt;Please&gt;!</note>", xml);
        Assert.Contains("<timestamp>2001-10-27T16:49:29Z</timestamp>", xml);
    }
}
