using System.Net;
using System.Net.Sockets;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>
/// cluster-sip.sip.udp-mtu (RFC 3261 18.1.1): a relayed request larger than the limit to a UDP-registered callee goes
/// over TCP with a TCP Via when the callee takes TCP, and over UDP after all when its TCP port refuses.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class UdpMtuNodeTests
{
    private readonly IPEndPoint _udp = new(IPAddress.Loopback, FreePorts.Next());

    [Fact]
    public async Task A_3000_byte_INVITE_to_a_UDP_callee_that_takes_TCP_arrives_over_TCP_with_a_TCP_via()
    {
        await using var node = await StartNodeAsync();
        using var callee = CalleeTakingTcp.Start();
        var (bob, bobTcp) = (callee.Udp, callee.Tcp);
        await RegisterAsync(bob);

        using var alice = new LoopbackUa();
        await alice.Send(_udp, BigInvite(alice, 3_000));

        using var accepted = new TcpPeer(await bobTcp.AcceptSocketAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
        var invite = (SipRequest)await accepted.ReadMessageAsync();
        Assert.Equal("INVITE", invite.Method);
        Assert.Equal("TCP", invite.TopVia!.Transport);
        Assert.Equal(_udp.Port, invite.TopVia.Port);
        Assert.Equal(3_000, invite.Body.Length);

        await accepted.SendAsync(SipResponse.CreateFor(invite, 486).ToString());
        Assert.Equal(486, ((SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true })).StatusCode);
    }

    [Fact]
    public async Task A_3000_byte_INVITE_to_a_callee_refusing_TCP_arrives_over_UDP()
    {
        await using var node = await StartNodeAsync();
        using var bob = new LoopbackUa();
        await RegisterAsync(bob);

        using var alice = new LoopbackUa();
        await alice.Send(_udp, BigInvite(alice, 3_000));

        var invite = (SipRequest)await bob.Receive(m => m is SipRequest { Method: "INVITE" });
        Assert.Equal("UDP", invite.TopVia!.Transport);
        Assert.Equal(3_000, invite.Body.Length);
    }

    [Theory]
    [InlineData(100, null)]
    [InlineData(3_000, "cluster-sip.sip.udp-mtu=0")]
    public async Task A_small_INVITE_or_any_with_the_rule_off_stays_on_UDP_though_the_callee_takes_TCP(int bodyLength, string? setting)
    {
        await using var node = await StartNodeAsync(setting is null ? [] : [setting]);
        using var callee = CalleeTakingTcp.Start();
        var (bob, bobTcp) = (callee.Udp, callee.Tcp);
        await RegisterAsync(bob);

        using var alice = new LoopbackUa();
        await alice.Send(_udp, BigInvite(alice, bodyLength));

        var invite = (SipRequest)await bob.Receive(m => m is SipRequest { Method: "INVITE" });
        Assert.Equal("UDP", invite.TopVia!.Transport);
        Assert.False(bobTcp.Pending());
    }

    /// <summary>
    /// A UDP callee that also listens on TCP at the same port. The UDP port is the system's pick, and the same TCP port
    /// may be taken (another test process's connection): then both are picked again.
    /// </summary>
    private sealed record CalleeTakingTcp(LoopbackUa Udp, TcpListener Tcp) : IDisposable
    {
        public static CalleeTakingTcp Start()
        {
            for (var attempt = 1; ; attempt++)
            {
                var ua = new LoopbackUa();
                var tcp = new TcpListener(ua.EndPoint);
                try
                {
                    tcp.Start();
                    return new CalleeTakingTcp(ua, tcp);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 20)
                {
                    tcp.Dispose();
                    ua.Dispose();
                }
            }
        }

        public void Dispose()
        {
            Tcp.Dispose();
            Udp.Dispose();
        }
    }

    private async Task<InProcessNode> StartNodeAsync(params string[] extra)
    {
        var node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_udp}\", \"tcp:{_udp}\"]",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
            .. extra,
        ]);
        await node.Api.WaitUntilReadyAsync();
        return node;
    }

    private async Task RegisterAsync(LoopbackUa bob)
    {
        var registered = await bob.Request(_udp, Register(bob, 1, $"sip:bob@{bob.EndPoint}"));
        Assert.Equal(200, registered.StatusCode);
    }

    private static string BigInvite(LoopbackUa alice, int bodyLength) =>
        Invite(alice, "sip:bob@example.com").Replace(
            "Content-Length: 0\r\n\r\n",
            $"Content-Type: text/plain\r\nContent-Length: {bodyLength}\r\n\r\n{new string('x', bodyLength)}",
            StringComparison.Ordinal);
}
