using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs.Tests;

public class DialogStateEventTests
{
    private readonly RouteEvent _event = DialogStateEvent.Of("a84b4c76e66710@pc33", "c1-6e", DialogState.Early, DialogState.Confirmed);

    [Fact]
    public void Its_attributes_read_as_a_dictionary_does()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["callid"] = "a84b4c76e66710@pc33", ["dialog"] = "c1-6e", ["state"] = "confirmed", ["previous"] = "early" },
            _event.Attributes.ToDictionary());
        Assert.Equal(4, _event.Attributes.Count);
        Assert.Equal(["callid", "dialog", "state", "previous"], _event.Attributes.Keys);
        Assert.Equal("confirmed", _event.Attributes["state"]);
        Assert.True(_event.Attributes.ContainsKey("previous"));
        Assert.False(_event.Attributes.TryGetValue("State", out _)); // keys are case-sensitive, as the bus's filters
        Assert.Null(_event["digit"]);
        Assert.Throws<KeyNotFoundException>(() => _event.Attributes["digit"]);
    }

    [Fact]
    public void Route_filters_match_it_by_its_attributes()
    {
        Assert.True(_event.Matches(new Dictionary<string, string> { ["callid"] = "a84b4c76e66710@pc33", ["state"] = "confirmed" }));
        Assert.False(_event.Matches(new Dictionary<string, string> { ["state"] = "terminated" }));
        Assert.False(_event.Matches(new Dictionary<string, string> { ["digit"] = "2" }));
    }
}
