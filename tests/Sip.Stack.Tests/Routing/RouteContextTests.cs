using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Tests.Support;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>Flags, pseudo-variables and the other functions of the route context.</summary>
public sealed class RouteContextTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void Branch_flags_are_seen_only_on_their_branch()
    {
        var seen = new ConcurrentQueue<string>();
        var script = new DelegateRouteScript(c =>
        {
            c.AppendBranch("sip:bob@10.0.0.3");
            c.TOnBranch("b");
            c.TOnReply("r");
            c.TOnFailure("f");
            c.TRelay();
        })
        {
            Branch = (_, c) =>
            {
                if (c.Request.RequestUri.ToString().Contains("10.0.0.3", StringComparison.Ordinal))
                {
                    c.SetBFlag(3); // mark the "gateway" branch
                }

                seen.Enqueue($"branch {c.TBranchIdx} {c.IsBFlagSet(3)}");
            },
            Reply = (_, c) => seen.Enqueue($"reply {c.BranchIndex} {c.TReplyCode} {c.IsBFlagSet(3)} {c.TBranchIdx}"),
            Failure = (_, c) => seen.Enqueue($"failure {c.BranchIndex} {c.TReplyCode} {c.IsBFlagSet(3)} {c.TBranchIdx}"),
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(3);
        var a = Find(sent, "INVITE", CalleeA);
        var b = Find(sent, "INVITE", CalleeB);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(ResponseTo(b, 183, "gw"), CalleeB));
        ExpectResponse(183);
        layer.OnMessage(From(ResponseTo(a, 486), CalleeA));
        ExpectRequest("ACK", CalleeA);
        layer.OnMessage(From(ResponseTo(b, 403, "gw"), CalleeB));
        ExpectSent(2);

        Assert.Equal(
            ["branch 1 False", "branch 2 True", "reply 1 180 False 0", "reply 2 183 True 0", "reply 1 486 False 0", "reply 2 403 True 0", "failure 2 403 True 0"],
            seen.ToArray());
    }

    [Fact]
    public void Message_flags_persist_in_the_transaction_and_script_flags_do_not()
    {
        var seen = new ConcurrentQueue<string>();
        var script = new DelegateRouteScript(c =>
        {
            c.SetFlag(1);
            c.SetSFlag(2);
            c.TOnReply("r");
            c.TRelay();
            c.SetFlag(4); // after the transaction took its flags: not stored (t_flush_flags would)
        })
        {
            Reply = (_, c) => seen.Enqueue($"{c.IsFlagSet(1)} {c.IsSFlagSet(2)} {c.IsFlagSet(4)}"),
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        var a = ExpectRequest("OPTIONS", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 200), CalleeA));
        ExpectResponse(200);
        Assert.Equal(["True False False"], seen.ToArray());
    }

    [Fact]
    public void Reply_route_drop_keeps_a_provisional_from_going_upstream()
    {
        var script = new DelegateRouteScript(c =>
        {
            c.TOnReply("r");
            c.TRelay();
        })
        {
            Reply = (_, c) =>
            {
                if (c.TCheckStatus("183"))
                {
                    c.Drop();
                }
            },
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 183), CalleeA));
        ExpectNothingSent();
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
    }

    [Fact]
    public void Branch_route_drop_skips_the_branch_and_t_branch_idx_is_0_outside_branch_routes()
    {
        var indexes = new ConcurrentQueue<int>();
        var script = new DelegateRouteScript(c =>
        {
            indexes.Enqueue(c.TBranchIdx);
            c.AppendBranch("sip:bob@10.0.0.3");
            c.TOnBranch("b");
            c.TRelay();
        })
        {
            Branch = (_, c) =>
            {
                indexes.Enqueue(c.TBranchIdx);
                if (c.Request.RequestUri.ToString() == "sip:bob@10.0.0.2")
                {
                    c.Drop();
                }
            },
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectRequest("OPTIONS", CalleeB);
        ExpectNothingSent();
        Assert.Equal([0, 1, 1], indexes.ToArray()); // the dropped branch's index is reused
    }

    [Fact]
    public void T_reply_code_and_t_local_replied_in_the_request_route()
    {
        var seen = new ConcurrentQueue<string>(); // the route runs on the transaction's thread, after the reply is out
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            seen.Enqueue($"{c.TReplyCode} {c.TCheckStatus("^0$")}");
            c.TReply(404, "Not Here");
            seen.Enqueue($"{c.TReplyCode} {c.TLocalReplied("all")} {c.TLocalReplied("last")} {c.TCheckTrans()}");
        }));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        Assert.Equal("Not Here", ExpectResponse(404).ReasonPhrase);
        AwaitAssert(() => Assert.Equal(["0 True", "404 True True False"], seen.ToArray()));
    }

    [Fact]
    public void Per_transaction_fr_timer_from_the_route_and_from_the_fr_timer_avp()
    {
        var layer = StartLayer(
            new DelegateRouteScript(c =>
            {
                c.Avps["fr"] = "2";
                c.TRelay();
            }),
            NodeConfDefaults.Tm with { FrTimerAvp = "fr" });
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectRequest("OPTIONS", CalleeA);
        Advance(TimeSpan.FromSeconds(2));
        Wire.FishForMessage<TransportSent>(s => s.Message is ClusterSip.Sip.Messages.SipResponse { StatusCode: 408 });

        var second = StartLayer(new DelegateRouteScript(c =>
        {
            c.SetFrTimer(TimeSpan.FromSeconds(1));
            c.TRelay();
        }));
        second.OnMessage(From(Request("OPTIONS", branch: "z9hG4bKsecond"), Caller));
        ExpectRequest("OPTIONS", CalleeA);
        Advance(TimeSpan.FromSeconds(1));
        Wire.FishForMessage<TransportSent>(s => s.Message is ClusterSip.Sip.Messages.SipResponse { StatusCode: 408 });
    }

    [Fact]
    public void T_replicate_sends_a_copy_whose_replies_go_nowhere()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.TReplicate("sip:copy@10.0.0.3");
            c.TReply(200, "OK");
        }));
        layer.OnMessage(From(Request("MESSAGE"), Caller));
        var sent = ExpectSent(2);
        var copy = Find(sent, "MESSAGE", CalleeB);
        FindResponse(sent, 200);
        layer.OnMessage(From(ResponseTo(copy, 404), CalleeB));
        ExpectNothingSent();
    }

    [Fact]
    public void T_write_fifo_appends_the_request_and_the_tw_append_lines()
    {
        var path = Path.Combine(Path.GetTempPath(), "tw-" + Guid.NewGuid().ToString("N"));
        var settings = NodeConfDefaults.Tm with { TwAppend = "append1:UA=$hdr(User-Agent);Who=$avp(who);$rb" };
        var layer = StartLayer(
            new DelegateRouteScript(c =>
            {
                c.Avps["who"] = "alice";
                c.TWriteFifo("voicemail/append1", path);
                c.TReply(202, "Accepted");
            }),
            settings);
        layer.OnMessage(From(Request("MESSAGE", extraHeaders: ["User-Agent: phone/1.0"]), Caller));
        ExpectResponse(202);
        AwaitAssert(() => Assert.True(File.Exists(path) && File.ReadAllText(path).EndsWith("\n\n", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));
        var lines = File.ReadAllText(path).Split('\n');
        File.Delete(path);
        Assert.Equal("voicemail", lines[0]);
        Assert.Equal("MESSAGE", lines[1]);
        Assert.Equal("sip:bob@10.0.0.2", lines[2]);
        Assert.Contains("UA: phone/1.0", lines);
        Assert.Contains("Who: alice", lines);
    }

    [Fact]
    public async Task T_write_unix_sends_a_datagram_to_the_socket()
    {
        var path = Path.Combine(Path.GetTempPath(), "tw-" + Guid.NewGuid().ToString("N") + ".sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.TWriteUnix("logger", path);
            c.TReply(200, "OK");
        }));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(200);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5));
        File.Delete(path);
        Assert.StartsWith("logger\nOPTIONS\n", Encoding.UTF8.GetString(buffer, 0, received), StringComparison.Ordinal);
    }
}
