using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Messages;

public class ProxyAndTransactionHelperTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(SampleMessages.Invite));

    [Fact]
    public void Response_copies_vias_from_to_call_id_and_cseq_and_adds_a_to_tag()
    {
        var request = Invite();

        var response = SipResponse.CreateFor(request, 486);

        Assert.Equal("Busy Here", response.ReasonPhrase);
        Assert.Equal(request.Headers.GetAll(HeaderNames.Via), response.Headers.GetAll(HeaderNames.Via));
        Assert.Equal(3, response.Vias.Count);
        Assert.Equal(request.Headers.Get(HeaderNames.From), response.Headers.Get(HeaderNames.From));
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.NotNull(response.To!.Tag);
        Assert.Equal(request.To!.Uri, response.To.Uri);
        Assert.Null(response.Headers.Get(HeaderNames.Timestamp));
        Assert.Null(response.Headers.Get(HeaderNames.Contact));
        var reparsed = Assert.IsType<SipResponse>(SipParser.Parse(response.ToBytes()));
        Assert.Equal(response.To.Tag, reparsed.To!.Tag);
        Assert.Equal(0, reparsed.ContentLength);
    }

    [Fact]
    public void A_response_is_written_with_the_requests_lines_as_received_and_no_body()
    {
        const string text = "INVITE sip:bob@b.example SIP/2.0\r\nv: SIP/2.0/UDP a.example;branch=z9hG4bK1 , SIP/2.0/UDP c.example;branch=z9hG4bK0\r\n"
            + "Max-Forwards: 70\r\nf: <sip:alice@a.example>;tag=1\r\nt: <sip:bob@b.example>\r\ni: call-1\r\nCSeq:  7  INVITE\r\n"
            + "Content-Type: text/plain\r\nl: 4\r\n\r\nbody";
        var request = Assert.IsType<SipRequest>(SipParser.Parse(text));

        var trying = SipResponse.CreateFor(request, 100);
        var ringing = SipResponse.CreateFor(request, 180, toTag: "x");

        Assert.Equal(
            "SIP/2.0 100 Trying\r\nv: SIP/2.0/UDP a.example;branch=z9hG4bK1 , SIP/2.0/UDP c.example;branch=z9hG4bK0\r\n"
            + "f: <sip:alice@a.example>;tag=1\r\nt: <sip:bob@b.example>\r\ni: call-1\r\nCSeq:  7  INVITE\r\nContent-Length: 0\r\n\r\n",
            Encoding.UTF8.GetString(trying.ToBytes()));
        Assert.Contains("\r\nt: <sip:bob@b.example>;tag=x\r\n", Encoding.UTF8.GetString(ringing.ToBytes()), StringComparison.Ordinal);
        Assert.Equal(trying.ToBytes().Length, trying.GetByteCount());
        Assert.True(trying.Body.IsEmpty);

        // The request's later changes (a proxy pops nothing from it, but a script may) leave the responses as made.
        request.Headers.Set(HeaderNames.From, "<sip:mallory@m.example>;tag=2");
        request.PopVia();
        Assert.Equal("1", ringing.FromTag);
        Assert.Equal(2, ringing.Vias.Count);
    }

    [Fact]
    public void A_response_to_a_request_changed_in_code_carries_the_changed_values()
    {
        var request = Invite();
        request.PopVia();
        request.Headers.Set(HeaderNames.CallId, "changed-call");

        var response = SipResponse.CreateFor(request, 200, toTag: "t");

        Assert.Equal(request.Headers.GetAll(HeaderNames.Via), response.Headers.GetAll(HeaderNames.Via));
        Assert.Equal("changed-call", response.CallId);
        var reparsed = Assert.IsType<SipResponse>(SipParser.Parse(response.ToBytes()));
        Assert.Equal("changed-call", reparsed.CallId);
        Assert.Equal("t", reparsed.ToTag);
        Assert.Equal(request.Vias.Count, reparsed.Vias.Count);
    }

    [Fact]
    public void Trying_has_no_new_tag_and_echoes_timestamp()
    {
        var response = SipResponse.CreateFor(Invite(), 100);

        Assert.Null(response.To!.Tag);
        Assert.Equal("54", response.Headers.Get(HeaderNames.Timestamp));
    }

    [Fact]
    public void Given_tag_is_used_and_an_existing_tag_is_kept()
    {
        var request = Invite();
        Assert.Equal("abc", SipResponse.CreateFor(request, 180, toTag: "abc").To!.Tag);
        Assert.Equal("abc", SipResponse.CreateFor(request, 100, toTag: "abc").To!.Tag);

        request.Headers.Set(HeaderNames.To, "<sip:bob@biloxi.com>;tag=existing");
        Assert.Equal("existing", SipResponse.CreateFor(request, 200, toTag: "abc").To!.Tag);
    }

    [Fact]
    public void Tags_of_two_responses_differ()
    {
        var request = Invite();

        Assert.NotEqual(SipResponse.CreateFor(request, 180).To!.Tag, SipResponse.CreateFor(request, 180).To!.Tag);
    }

    [Fact]
    public void Cancel_follows_rfc3261_9_1()
    {
        var invite = Invite();

        var cancel = invite.CreateCancel();

        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(invite.RequestUri, cancel.RequestUri);
        Assert.Equal("z9hG4bK776asdhds", Assert.Single(cancel.Vias).Branch);
        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Equal(invite.From!.Tag, cancel.From!.Tag);
        Assert.Equal(invite.Headers.Get(HeaderNames.To), cancel.Headers.Get(HeaderNames.To));
        Assert.Equal(new CSeqHeader(314159, "CANCEL"), cancel.CSeq);
        Assert.Equal(invite.Headers.GetValues(HeaderNames.Route), cancel.Headers.GetValues(HeaderNames.Route));
        Assert.Equal(70, cancel.MaxForwards);
        Assert.True(cancel.Body.IsEmpty);
        Assert.IsType<SipRequest>(SipParser.Parse(cancel.ToBytes()));
    }

    [Fact]
    public void Ack_for_a_non_2xx_takes_to_from_the_response()
    {
        var invite = Invite();
        var response = SipResponse.CreateFor(invite, 486, toTag: "t1");

        var ack = invite.CreateAck(response);

        Assert.Equal("ACK", ack.Method);
        Assert.Equal(invite.RequestUri, ack.RequestUri);
        Assert.Equal("t1", ack.To!.Tag);
        Assert.Equal("z9hG4bK776asdhds", Assert.Single(ack.Vias).Branch);
        Assert.Equal(new CSeqHeader(314159, "ACK"), ack.CSeq);
        Assert.Equal(2, ack.Routes.Count);
        Assert.Equal(invite.From!.Tag, ack.From!.Tag);
        Assert.Throws<ArgumentException>(() => invite.CreateAck(SipResponse.CreateFor(invite, 200)));
    }

    [Fact]
    public void Push_and_pop_via_including_comma_separated_values()
    {
        var m = Invite();
        var mine = new ViaHeader("UDP", "proxy.biloxi.com", null, new SipParameters([new("branch", "z9hG4bKmine")]));

        m.PushVia(mine);
        Assert.Equal(["z9hG4bKmine", "z9hG4bK776asdhds", "z9hG4bK1", "z9hG4bK2"], m.Vias.Select(v => v.Branch));

        Assert.Equal("z9hG4bKmine", m.PopVia()!.Branch);
        Assert.Equal("z9hG4bK776asdhds", m.PopVia()!.Branch);
        Assert.Equal("z9hG4bK1", m.PopVia()!.Branch);
        Assert.Equal("SIP/2.0/TCP edge.atlanta.com;branch=z9hG4bK2", m.Headers.Get(HeaderNames.Via));
        Assert.Equal("z9hG4bK2", m.PopVia()!.Branch);
        Assert.Null(m.PopVia());
        Assert.False(m.Headers.Contains(HeaderNames.Via));
        Assert.Throws<InvalidOperationException>(() => m.SetTopVia(mine));
    }

    [Theory]
    [InlineData(", ")]
    [InlineData(",")]
    [InlineData(" ,\r\n\t")] // folded after the comma
    public void Popping_the_first_of_a_received_via_list_writes_the_line_with_the_rest_as_received(string separator)
    {
        const string second = "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKcaller ;received=192.0.2.1";
        var text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKours" + separator + second
            + "\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        var m = SipParser.Parse(text);

        Assert.Equal("z9hG4bKours", m.PopVia()!.Branch);

        Assert.Equal("z9hG4bKcaller", m.TopVia!.Branch);
        Assert.Equal("192.0.2.1", m.TopVia.Received);
        Assert.Equal(second, m.Headers.Get(HeaderNames.Via));
        var written = Encoding.UTF8.GetString(m.ToBytes());
        Assert.Equal("SIP/2.0 200 OK\r\nVia: " + second + "\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n", written);
        Assert.Equal(written.Length, m.GetByteCount());
        Assert.Equal("z9hG4bKcaller", m.PopVia()!.Branch);
        Assert.False(m.Headers.Contains(HeaderNames.Via));
    }

    [Fact]
    public void The_pushed_or_set_via_is_the_top_via_and_reads_back_the_same_from_its_text()
    {
        var m = Invite();
        var mine = new ViaHeader("UDP", "proxy.biloxi.com", 5070, new SipParameters([new("branch", "z9hG4bKmine"), new("rport", null)]));

        m.PushVia(mine);
        var copy = m.Clone();

        Assert.Same(mine, m.TopVia);
        Assert.Same(mine, copy.TopVia);
        var reparsed = ViaHeader.Parse(m.Headers.Get(HeaderNames.Via)!);
        Assert.Equal(reparsed.ToString(), m.TopVia!.ToString());
        Assert.Equal(reparsed.SentBy, m.TopVia.SentBy);
        Assert.Equal(mine.ToString(), m.Vias[0].ToString());

        var other = mine.WithParameter("received", "192.0.2.9");
        copy.SetTopVia(other);

        Assert.Same(other, copy.TopVia);
        Assert.Same(mine, m.TopVia);
        Assert.Equal(other.ToString(), copy.Headers.Get(HeaderNames.Via));
        Assert.Equal("z9hG4bK776asdhds", copy.Vias[1].Branch);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1", "192.0.2.1", 5060, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1;received=192.0.2.1")]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", "192.0.2.1", 5060, null)]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport", "192.0.2.1", 9988, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport=9988;received=192.0.2.1")]
    [InlineData("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bK1", "192.0.2.7", 1024, "SIP/2.0/UDP 10.0.0.1;rport=1024;branch=z9hG4bK1;received=192.0.2.7")]
    [InlineData("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1", "2001:db8::1", 5060, null)]
    [InlineData("SIP/2.0/UDP h;received=1.1.1.1;branch=z9hG4bK1", "192.0.2.1", 5060, "SIP/2.0/UDP h;received=192.0.2.1;branch=z9hG4bK1")]
    [InlineData("SIP/2.0/UDP h ; received = 1.1.1.1 ; rport", "192.0.2.1", 5062, "SIP/2.0/UDP h ; received = 192.0.2.1 ; rport=5062")]
    [InlineData("SIP/2.0/UDP h;rport=7;branch=z9hG4bK1", "h", 5062, null)]
    [InlineData("SIP/2.0/UDP h;branch=z9hG4bK1;rport", "::1", 5062, "SIP/2.0/UDP h;branch=z9hG4bK1;rport=5062;received=::1")]
    [InlineData("SIP/2.0/UDP h;branch=z9hG4bK1", "[2001:db8::7]", 5060, "SIP/2.0/UDP h;branch=z9hG4bK1;received=2001:db8::7")]
    [InlineData("SIP/2.0/UDP h;branch=z9hG4bK1", "fe80::1%3", 5060, "SIP/2.0/UDP h;branch=z9hG4bK1;received=fe80::1")]
    [InlineData("SIP/2.0/UDP h;received=[::2];branch=z9hG4bK1", "::1", 5060, "SIP/2.0/UDP h;received=::1;branch=z9hG4bK1")]
    public void Received_and_rport_follow_rfc3261_18_2_1_and_rfc3581(string via, string address, int port, string? expected)
    {
        var m = SipParser.Parse("OPTIONS sip:a@b SIP/2.0\r\nVia: " + via + "\r\nVia: SIP/2.0/UDP other;branch=z9hG4bK0\r\n\r\n");

        var changed = m.ApplyReceivedInfo(address, port);

        Assert.Equal(expected is not null, changed);
        Assert.Equal(expected ?? via, m.Headers.Get(HeaderNames.Via));
        Assert.Equal("other", m.Vias[1].Host);
        var reparsed = SipParser.Parse(m.ToBytes());
        Assert.Equal(m.TopVia!.Received, reparsed.TopVia!.Received);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;received=::1;branch=z9hG4bK1", "::1")]
    [InlineData("SIP/2.0/UDP h;received=2001:db8::9;rport=7", "2001:db8::9")]
    [InlineData("SIP/2.0/UDP h;received=::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    [InlineData("SIP/2.0/UDP h;received=[2001:db8::9];rport=7", "[2001:db8::9]")]
    [InlineData("SIP/2.0/UDP h;received=192.0.2.1", "192.0.2.1")]
    public void Via_received_admits_ipv6_with_and_without_brackets(string via, string received)
    {
        var m = SipParser.Parse("OPTIONS sip:a@b SIP/2.0\r\nVia: " + via + ", SIP/2.0/UDP other;branch=z9hG4bK0\r\n\r\n");

        Assert.Equal(received, m.TopVia!.Received);
        Assert.Equal(received, ViaHeader.Parse(via).Received);
        Assert.Equal(["h", "other"], m.Vias.Select(v => v.Host));
        Assert.Equal(via, ViaHeader.Parse(via).ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;maddr=::1")]
    [InlineData("SIP/2.0/UDP h;received=::1x")]
    [InlineData("SIP/2.0/UDP h;received=:")]
    public void Bare_ipv6_is_only_a_received_value(string via) =>
        Assert.Throws<SipParseException>(() => ViaHeader.Parse(via));

    [Fact]
    public void The_top_via_follows_every_change_to_the_via_lines()
    {
        var m = Invite();
        Assert.Null(m.TopVia!.Received);

        m.ApplyReceivedInfo("192.0.2.9", 5062);
        Assert.Equal("192.0.2.9", m.TopVia!.Received);

        m.PushVia(ViaHeader.Parse("SIP/2.0/UDP proxy.example.com;branch=z9hG4bKtop"));
        Assert.Equal("z9hG4bKtop", m.TopVia!.Branch);

        m.Headers.RemoveAt(m.Headers.IndexOf(HeaderNames.Via));
        m.Headers.RemoveAt(m.Headers.IndexOf(HeaderNames.Via));
        Assert.Equal("z9hG4bK1", m.TopVia!.Branch);
    }

    [Fact]
    public void A_call_id_set_in_code_is_still_checked()
    {
        var m = Invite();
        m.Headers.Set(HeaderNames.CallId, "has space");

        Assert.Throws<SipParseException>(() => m.CallId);
    }

    [Fact]
    public void Max_forwards_is_decremented_or_added()
    {
        var m = Invite();

        Assert.Equal(69, m.DecrementMaxForwards());
        Assert.Equal(69, m.MaxForwards);
        m.Headers.Remove(HeaderNames.MaxForwards);
        Assert.Equal(70, m.DecrementMaxForwards());
        m.Headers.Set(HeaderNames.MaxForwards, "1");
        Assert.Equal(0, m.DecrementMaxForwards());
        Assert.Throws<InvalidOperationException>(() => m.DecrementMaxForwards());
    }

    [Fact]
    public void Record_route_is_inserted_on_top_and_routes_are_removed_from_the_top()
    {
        var m = Invite();
        m.Headers.Add(HeaderNames.RecordRoute, "<sip:old.example.com;lr>");

        m.AddRecordRoute(new NameAddress(SipUri.Parse("sip:me.example.com;lr")));

        Assert.Equal(["sip:me.example.com;lr", "sip:old.example.com;lr"], m.RecordRoutes.Select(r => r.Uri.ToString()));
        Assert.Equal("sip:p1.example.com;lr", m.RemoveTopRoute()!.Uri.ToString());
        Assert.Equal("<sip:p2.example.com;lr>", m.Headers.Get(HeaderNames.Route));
        Assert.Equal("sip:p2.example.com;lr", m.RemoveTopRoute()!.Uri.ToString());
        Assert.Null(m.RemoveTopRoute());
    }

    [Fact]
    public void Branches_carry_the_magic_cookie_and_ids_are_unique()
    {
        var branches = Enumerable.Range(0, 100).Select(_ => SipIds.NewBranch()).ToList();

        Assert.All(branches, b => Assert.True(new ViaHeader("UDP", "h", null, new SipParameters([new("branch", b)])).HasRfc3261Branch));
        Assert.Equal(100, branches.Distinct().Count());
        Assert.NotEqual(SipIds.NewTag(), SipIds.NewTag());
        Assert.EndsWith("@host.example.com", SipIds.NewCallId("host.example.com"));
        Assert.All(branches, b => Assert.Equal(b, ViaHeader.Parse("SIP/2.0/UDP h;branch=" + b).Branch));
    }

    [Fact]
    public void Ids_stay_unique_across_refills_of_each_threads_random_pool()
    {
        var tags = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 5_000; i++) tags.Add(SipIds.NewTag());
        });

        Assert.Equal(20_000, tags.Distinct().Count());
        Assert.All(tags, t => Assert.Matches("^[0-9a-z]{12}$", t));
    }

    [Theory]
    [InlineData(100, "Trying")]
    [InlineData(183, "Session Progress")]
    [InlineData(202, "Accepted")]
    [InlineData(412, "Conditional Request Failed")]
    [InlineData(416, "Unsupported URI Scheme")]
    [InlineData(420, "Bad Extension")]
    [InlineData(423, "Interval Too Brief")]
    [InlineData(481, "Call/Transaction Does Not Exist")]
    [InlineData(483, "Too Many Hops")]
    [InlineData(489, "Bad Event")]
    [InlineData(505, "Version Not Supported")]
    [InlineData(513, "Message Too Large")]
    [InlineData(604, "Does Not Exist Anywhere")]
    [InlineData(499, "Client Error")]
    public void Default_reason_phrases(int code, string phrase) => Assert.Equal(phrase, SipStatusCodes.GetReasonPhrase(code));
}
