using ClusterSip.Presence.Agent;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Presence;
using static ClusterSip.Presence.Tests.Agent.AgentRequests;

namespace ClusterSip.Presence.Tests.Agent;

public class SubscribeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly PresentityState _state = new(Presentity, Settings);

    private AgentDecision NewWatcher(PresentityState? state = null, string from = "sip:alice@example.com")
    {
        state ??= _state;
        return state.Applied(state.Subscribe(Subscribe(from), T0));
    }

    [Fact]
    public void A_new_subscription_is_accepted_with_a_tag_and_expiry_and_notified_at_once_with_the_composed_state()
    {
        _state.Applied(_state.Publish(Publish(Pidf("open")), T0));

        var decision = NewWatcher();

        Assert.Equal(200, decision.Response.StatusCode);
        Assert.Equal(3600, decision.Response.Expires);
        Assert.NotNull(decision.Response.To!.Tag);
        Assert.Equal("<sip:127.0.0.1:5060>", decision.Response.Headers.Get("Contact"));
        var notify = _state.CreateNotify(decision.Notifies.Single());
        Assert.Equal("NOTIFY", notify.Method);
        Assert.Equal("sip:alice@10.0.0.9:5062", notify.RequestUri.ToString());
        Assert.Equal(["<sip:rr1.example.com;lr>", "<sip:rr2.example.com;lr>"], notify.Headers.GetAll("Route"));
        Assert.Equal(decision.Response.To.Tag, notify.From!.Tag);
        Assert.Equal("w1", notify.To!.Tag);
        Assert.Equal("watch-1", notify.CallId);
        Assert.Equal("presence;id=7", notify.Headers.Get("Event"));
        Assert.Equal("active;expires=3600", notify.Headers.Get("Subscription-State"));
        Assert.Equal("application/pidf+xml", notify.Headers.Get("Content-Type"));
        Assert.Equal(PidfBasic.Open, PidfParser.Parse(notify.Body.Span).Tuples.Single().Basic);
        var reparsed = SipParser.Parse(notify.ToBytes());
        Assert.Equal(notify.Body.Length, reparsed.ContentLength);
    }

    [Fact]
    public void Every_notify_of_a_dialog_has_a_higher_cseq()
    {
        var target = NewWatcher().Notifies.Single();

        Assert.Equal(1u, _state.CreateNotify(target).CSeq!.Number);
        Assert.Equal(2u, _state.CreateNotify(target).CSeq!.Number);
    }

    [Fact]
    public void After_a_recovery_notify_cseqs_jump_past_those_sent_before()
    {
        var target = NewWatcher().Notifies.Single();
        _state.CreateNotify(target);

        var recovered = new PresentityState(Presentity, Settings);
        foreach (var e in NewWatcher(recovered).Events)
        {
            recovered.Apply(e);
        }

        recovered.Recovered(T0);
        Assert.True(recovered.CreateNotify(recovered.AllWatchers(T0).Single()).CSeq!.Number > 100_000_000);
    }

    [Fact]
    public void A_state_change_notifies_every_watcher_with_the_remaining_expiry()
    {
        NewWatcher();
        _state.Applied(_state.Subscribe(Subscribe("sip:carol@example.com", callId: "watch-2"), T0));

        var targets = _state.AllWatchers(T0.AddSeconds(600));

        Assert.Equal(2, targets.Count);
        Assert.All(targets, t => Assert.Equal("active;expires=3000", t.SubscriptionState));
    }

    [Fact]
    public void A_refresh_within_the_dialog_extends_it_and_expires_0_ends_it_with_a_terminating_notify()
    {
        var tag = NewWatcher().Response.To!.Tag!;

        var refresh = _state.Applied(_state.Subscribe(Subscribe(toTag: tag, expires: 600), T0.AddSeconds(100)));
        Assert.Equal(200, refresh.Response.StatusCode);
        Assert.Equal(T0.AddSeconds(700), _state.NextExpiry);

        var end = _state.Applied(_state.Subscribe(Subscribe(toTag: tag, expires: 0), T0.AddSeconds(200)));
        Assert.Equal(200, end.Response.StatusCode);
        Assert.Equal("terminated;reason=timeout", end.Notifies.Single().SubscriptionState);
        Assert.Empty(_state.Watchers);
    }

    [Fact]
    public void A_fetch_gets_one_terminating_notify_and_keeps_no_watcher()
    {
        var fetch = _state.Applied(_state.Subscribe(Subscribe(expires: 0), T0));

        Assert.Equal(200, fetch.Response.StatusCode);
        Assert.Equal("terminated;reason=timeout", fetch.Notifies.Single().SubscriptionState);
        Assert.Empty(_state.Watchers);
    }

    [Fact]
    public void A_subscribe_within_an_unknown_dialog_gets_481()
    {
        Assert.Equal(481, _state.Subscribe(Subscribe(toTag: "nope"), T0).Response.StatusCode);
    }

    [Fact]
    public void Same_domain_policy_refuses_watchers_of_other_domains_with_403()
    {
        var state = new PresentityState(Presentity, Settings with { Policy = WatcherPolicy.SameDomain });

        Assert.Equal(403, state.Subscribe(Subscribe("sip:mallory@elsewhere.org"), T0).Response.StatusCode);
        Assert.Equal(200, state.Subscribe(Subscribe("sip:alice@EXAMPLE.com"), T0).Response.StatusCode);
    }

    [Fact]
    public void An_accept_without_pidf_gets_406_and_another_event_489()
    {
        var subscribe = Subscribe();
        subscribe.Headers.Set("Accept", "application/xpidf+xml");
        Assert.Equal(406, _state.Subscribe(subscribe, T0).Response.StatusCode);

        var dialog = Subscribe();
        dialog.Headers.Set("Event", "dialog");
        Assert.Equal(489, _state.Subscribe(dialog, T0).Response.StatusCode);
    }

    [Fact]
    public void An_expired_watcher_is_removed_and_told_with_a_terminating_notify()
    {
        NewWatcher();

        var (events, notifies, changed) = _state.Expire(T0.AddSeconds(3600));

        Assert.False(changed);
        Assert.Equal("terminated;reason=timeout", notifies.Single().SubscriptionState);
        foreach (var e in events)
        {
            _state.Apply(e);
        }

        Assert.Empty(_state.Watchers);
    }
}
