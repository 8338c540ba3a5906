using ClusterSip.Presence.Agent;
using ClusterSip.Sip.Presence;
using static ClusterSip.Presence.Tests.Agent.AgentRequests;

namespace ClusterSip.Presence.Tests.Agent;

public class PublishTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly PresentityState _state = new(Presentity, Settings);

    private string InitialPublish(string basic = "open", string tuple = "t1")
    {
        var decision = _state.Applied(_state.Publish(Publish(Pidf(basic, tuple)), T0));
        Assert.Equal(200, decision.Response.StatusCode);
        return decision.Response.Headers.Get("SIP-ETag")!;
    }

    [Fact]
    public void An_initial_publish_is_stored_under_a_new_entity_tag_for_the_default_expiry()
    {
        var decision = _state.Applied(_state.Publish(Publish(Pidf("open")), T0));

        Assert.Equal(200, decision.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(decision.Response.Headers.Get("SIP-ETag")));
        Assert.Equal(3600, decision.Response.Expires);
        Assert.True(decision.StateChanged);
        Assert.Equal(PidfBasic.Open, _state.Composed.Tuples.Single().Basic);
        Assert.Equal(T0.AddSeconds(3600), _state.NextExpiry);
    }

    [Fact]
    public void A_refresh_without_body_gives_a_new_entity_tag_and_expiry_and_keeps_the_document()
    {
        var etag = InitialPublish();

        var refresh = _state.Applied(_state.Publish(Publish(null, etag, 600), T0.AddSeconds(100)));

        Assert.Equal(200, refresh.Response.StatusCode);
        Assert.NotEqual(etag, refresh.Response.Headers.Get("SIP-ETag"));
        Assert.Equal(600, refresh.Response.Expires);
        Assert.False(refresh.StateChanged);
        Assert.Equal(T0.AddSeconds(700), _state.NextExpiry);
        Assert.Equal(PidfBasic.Open, _state.Composed.Tuples.Single().Basic);
        Assert.Single(_state.Publications);
    }

    [Fact]
    public void A_modify_replaces_the_document_of_that_publication()
    {
        var etag = InitialPublish();

        var modify = _state.Applied(_state.Publish(Publish(Pidf("closed"), etag), T0));

        Assert.Equal(200, modify.Response.StatusCode);
        Assert.True(modify.StateChanged);
        Assert.Equal(PidfBasic.Closed, _state.Composed.Tuples.Single().Basic);
        Assert.Single(_state.Publications);
    }

    [Fact]
    public void Expires_0_removes_the_publication()
    {
        var etag = InitialPublish();

        var remove = _state.Applied(_state.Publish(Publish(null, etag, 0), T0));

        Assert.Equal(200, remove.Response.StatusCode);
        Assert.Equal(0, remove.Response.Expires);
        Assert.True(remove.StateChanged);
        Assert.Empty(_state.Composed.Tuples);
    }

    [Fact]
    public void An_unknown_entity_tag_gets_412_and_changes_nothing()
    {
        InitialPublish();

        var decision = _state.Publish(Publish(Pidf("closed"), "no-such-tag"), T0);

        Assert.Equal(412, decision.Response.StatusCode);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_entity_tag_is_unknown_once_it_was_replaced()
    {
        var etag = InitialPublish();
        _state.Applied(_state.Publish(Publish(null, etag), T0));

        Assert.Equal(412, _state.Publish(Publish(null, etag), T0).Response.StatusCode);
    }

    [Theory]
    [InlineData("<presence")]
    [InlineData("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:bob@example.com'><tuple id='a'/></presence>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e 'e'>]><presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:bob@example.com'/>")]
    public void A_malformed_pidf_gets_400_with_the_reason_and_changes_nothing(string body)
    {
        var etag = InitialPublish();

        var decision = _state.Publish(Publish(body, etag), T0);

        Assert.Equal(400, decision.Response.StatusCode);
        Assert.StartsWith("Bad PIDF: ", decision.Response.ReasonPhrase);
        Assert.Empty(decision.Events);
        Assert.Equal(PidfBasic.Open, _state.Composed.Tuples.Single().Basic);
    }

    [Theory]
    [InlineData("dialog")]
    [InlineData("presence.winfo")]
    public void An_unsupported_event_gets_489_with_allow_events(string @event)
    {
        var decision = _state.Publish(Publish(Pidf("open"), @event: @event), T0);

        Assert.Equal(489, decision.Response.StatusCode);
        Assert.Equal("presence", decision.Response.Headers.Get("Allow-Events"));
    }

    [Fact]
    public void Another_body_type_gets_415_with_accept()
    {
        var decision = _state.Publish(Publish("hello", contentType: "text/plain"), T0);

        Assert.Equal(415, decision.Response.StatusCode);
        Assert.Equal("application/pidf+xml", decision.Response.Headers.Get("Accept"));
    }

    [Fact]
    public void An_initial_publish_without_body_gets_400()
    {
        Assert.Equal(400, _state.Publish(Publish(null), T0).Response.StatusCode);
    }

    [Fact]
    public void Expiries_are_capped_and_too_short_ones_refused_with_min_expires()
    {
        Assert.Equal(7200, _state.Publish(Publish(Pidf("open"), expires: 100000), T0).Response.Expires);
        var tooShort = _state.Publish(Publish(Pidf("open"), expires: 10), T0).Response;
        Assert.Equal(423, tooShort.StatusCode);
        Assert.Equal("60", tooShort.Headers.Get("Min-Expires"));
    }

    [Fact]
    public void Several_publishers_are_composed_and_an_expired_publication_leaves()
    {
        InitialPublish("open", "phone");
        _state.Applied(_state.Publish(Publish(Pidf("closed", "pc"), expires: 60), T0));
        Assert.Equal(["phone", "pc"], _state.Composed.Tuples.Select(t => t.Id));

        var (events, notifies, changed) = _state.Expire(T0.AddSeconds(60));
        foreach (var e in events)
        {
            _state.Apply(e);
        }

        Assert.True(changed);
        Assert.Empty(notifies);
        Assert.Equal(["phone"], _state.Composed.Tuples.Select(t => t.Id));
    }
}
