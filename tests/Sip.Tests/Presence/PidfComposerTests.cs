using ClusterSip.Sip.Presence;

namespace ClusterSip.Sip.Tests.Presence;

public class PidfComposerTests
{
    private static PidfTuple Tuple(string id, PidfBasic basic) => new(id, basic, null, [], null);

    [Fact]
    public void Tuples_of_several_publishers_are_kept_and_the_latest_publication_wins_per_tuple_id()
    {
        var phone = new PidfDocument("pres:bob@example.com", [Tuple("phone", PidfBasic.Open), Tuple("shared", PidfBasic.Open)], [new PidfNote("at desk", "en")]);
        var pc = new PidfDocument("pres:bob@example.com", [Tuple("pc", PidfBasic.Closed), Tuple("shared", PidfBasic.Closed)], [new PidfNote("at desk", "en"), new PidfNote("lunch", null)]);

        var composed = PidfComposer.Compose("sip:bob@example.com", [phone, pc]);

        Assert.Equal("sip:bob@example.com", composed.Entity);
        Assert.Equal(["phone", "shared", "pc"], composed.Tuples.Select(t => t.Id));
        Assert.Equal(PidfBasic.Closed, composed.Tuples.Single(t => t.Id == "shared").Basic);
        Assert.Equal(PidfBasic.Open, composed.Tuples.Single(t => t.Id == "phone").Basic);
        Assert.Equal([new PidfNote("at desk", "en"), new PidfNote("lunch", null)], composed.Notes);
    }

    [Fact]
    public void No_publications_compose_to_a_document_without_tuples()
    {
        var composed = PidfComposer.Compose("sip:bob@example.com", []);

        Assert.Empty(composed.Tuples);
        Assert.Empty(composed.Notes);
    }
}
