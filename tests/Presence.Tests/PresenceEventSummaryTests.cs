using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence.Tests;

/// <summary>What the PRESENCE route event says of a PIDF document: one basic and one note for the presentity.</summary>
public class PresenceEventSummaryTests
{
    [Fact]
    public void Any_open_tuple_makes_the_presentity_open_and_its_note_is_taken_when_the_document_has_none()
    {
        var document = Document([], Tuple("phone", PidfBasic.Closed, "off"), Tuple("pc", PidfBasic.Open, "at the desk"));

        Assert.Equal(("open", "at the desk"), PresenceEvent.Summary(document));
    }

    [Fact]
    public void A_presentity_note_comes_before_the_notes_of_tuples()
    {
        var document = Document([new PidfNote("lunch", "en")], Tuple("pc", PidfBasic.Open, "at the desk"));

        Assert.Equal(("open", "lunch"), PresenceEvent.Summary(document));
    }

    [Fact]
    public void No_tuple_or_only_tuples_without_a_basic_value_are_closed_with_an_empty_note()
    {
        Assert.Equal(("closed", ""), PresenceEvent.Summary(Document([])));
        Assert.Equal(("closed", "busy"), PresenceEvent.Summary(Document([], Tuple("pc", null, "busy"))));
    }

    private static PidfDocument Document(IReadOnlyList<PidfNote> notes, params PidfTuple[] tuples) => new("sip:bob@example.com", tuples, notes);

    private static PidfTuple Tuple(string id, PidfBasic? basic, string note) => new(id, basic, null, [new PidfNote(note, null)], null);
}
