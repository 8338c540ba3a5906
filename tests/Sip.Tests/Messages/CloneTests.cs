using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Messages;

public class CloneTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(SampleMessages.Invite));

    [Fact]
    public void An_unchanged_clone_serializes_like_the_original()
    {
        var original = Invite();
        _ = original.TopVia;
        _ = original.Routes;

        var clone = original.Clone();

        Assert.Equal(original.ToBytes(), clone.ToBytes());
        Assert.Equal(original.Method, clone.Method);
        Assert.Equal(original.TopVia!.Branch, clone.TopVia!.Branch);
        Assert.Equal(original.Routes.Select(r => r.ToString()), clone.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Typed_values_cached_by_either_message_stay_right_for_each_after_the_other_changes()
    {
        var original = Invite();
        var clone = original.Clone();
        Assert.Equal(70, clone.MaxForwards); // cached through the clone before any change

        clone.DecrementMaxForwards();
        original.Headers.Add(HeaderNames.Route, "<sip:added.example.com;lr>");
        clone.Headers.Add(HeaderNames.ProxyRequire, "foo");

        Assert.Equal(70, original.MaxForwards);
        Assert.Equal(69, clone.MaxForwards);
        Assert.Equal("sip:added.example.com;lr", original.Routes[^1].Uri.ToString());
        Assert.DoesNotContain(clone.Routes, r => r.Uri.ToString().Contains("added", StringComparison.Ordinal));
        Assert.Empty(original.ProxyRequire);
        Assert.Equal(["foo"], clone.ProxyRequire);
    }

    [Fact]
    public void A_change_to_one_header_keeps_the_other_parsed_values_of_both_messages()
    {
        var original = Invite();
        var routes = original.Routes;
        var clone = original.Clone();

        clone.DecrementMaxForwards(); // what every proxied branch does

        Assert.Same(routes, clone.Routes);
        Assert.Same(routes, original.Routes);
        Assert.Equal(69, clone.MaxForwards);
        Assert.Equal(70, original.MaxForwards);
    }

    [Fact]
    public void A_header_changed_before_either_message_read_it_is_read_from_each_messages_own_lines()
    {
        var original = Invite();
        _ = original.MaxForwards; // the cache array exists, its Route entry still empty
        var clone = original.Clone();

        clone.RemoveTopRoute();
        Assert.Equal(2, original.Routes.Count); // cached by the original first

        Assert.Single(clone.Routes);
        Assert.Equal(2, original.Routes.Count);
    }

    [Fact]
    public void Max_forwards_follows_the_header_of_each_message()
    {
        var original = Invite();
        Assert.Equal(70, original.MaxForwards);
        var clone = original.Clone();

        clone.Headers.Set(HeaderNames.MaxForwards, "many");
        Assert.Throws<SipParseException>(() => clone.MaxForwards);
        clone.Headers.Remove(HeaderNames.MaxForwards);

        Assert.Null(clone.MaxForwards);
        Assert.Equal(70, original.MaxForwards);
    }

    [Fact]
    public void Changing_the_clone_never_affects_the_original()
    {
        var original = Invite();
        var before = original.ToBytes();
        var topVia = original.TopVia;
        var maxForwards = original.MaxForwards;

        var clone = original.Clone();
        clone.PushVia(ViaHeader.Parse("SIP/2.0/UDP proxy.example.com;branch=z9hG4bKclone"));
        clone.RequestUri = SipUri.Parse("sip:carol@chicago.example.com");
        clone.DecrementMaxForwards();
        clone.RemoveTopRoute();
        clone.AddRecordRoute(new NameAddress(SipUri.Parse("sip:proxy.example.com;lr")));
        clone.Headers.SetAt(clone.Headers.IndexOf(HeaderNames.From), "<sip:mallory@example.com>;tag=x");
        clone.Body = Encoding.ASCII.GetBytes("changed");

        Assert.Equal(before, original.ToBytes());
        Assert.Same(topVia, original.TopVia);
        Assert.Equal(maxForwards, original.MaxForwards);
        Assert.Equal("sip:bob@biloxi.com", original.RequestUri.ToString());
        Assert.Equal(2, original.Routes.Count);
        Assert.Empty(original.RecordRoutes);

        var reparsed = Assert.IsType<SipRequest>(SipParser.Parse(clone.ToBytes()));
        Assert.Equal("z9hG4bKclone", reparsed.TopVia!.Branch);
        Assert.Equal("sip:carol@chicago.example.com", reparsed.RequestUri.ToString());
        Assert.Equal(maxForwards - 1, reparsed.MaxForwards);
        Assert.Single(reparsed.Routes);
        Assert.Single(reparsed.RecordRoutes);
        Assert.Equal("changed", Encoding.ASCII.GetString(reparsed.Body.Span));
    }

    [Fact]
    public void Changing_the_original_never_affects_the_clone()
    {
        var original = Invite();
        var clone = original.Clone();
        var cloneBytes = clone.ToBytes();

        original.PopVia();
        original.Headers.Remove(HeaderNames.Route);
        original.RequestUri = SipUri.Parse("sip:other@example.com");

        Assert.Equal(cloneBytes, clone.ToBytes());
        Assert.Equal(3, clone.Vias.Count);
    }

    [Fact]
    public void A_clone_of_a_changed_message_keeps_the_changes()
    {
        var original = Invite();
        original.DecrementMaxForwards();
        original.RequestUri = SipUri.Parse("sip:carol@chicago.example.com");

        var clone = original.Clone();

        Assert.Equal(original.ToBytes(), clone.ToBytes());
    }

    [Fact]
    public void Responses_and_messages_built_in_code_clone_too()
    {
        var response = SipResponse.CreateFor(Invite(), 180);
        var clone = response.Clone();
        clone.PopVia();
        clone.ReasonPhrase = "Ringing Loudly";

        Assert.Equal(3, response.Vias.Count);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(2, clone.Vias.Count);
        Assert.Equal(180, clone.StatusCode);

        var parsed = Assert.IsType<SipResponse>(SipParser.Parse(response.ToBytes()));
        var parsedClone = parsed.Clone();
        parsedClone.Headers.Add("X-Extra", "1");
        Assert.Equal(response.ToBytes(), parsed.ToBytes());
        Assert.Equal("1", parsedClone.Headers.Get("X-Extra"));
    }
}
