using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Proxy;

/// <summary>ACKs for 2xx forwarded statelessly (RFC 3261 16.11), and what happens when that fails.</summary>
public sealed class StatelessForwarderTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly string[] ThroughUs = ["<sip:10.0.0.100:5060;lr>"];

    [Fact]
    public void A_stateless_ACK_gets_the_same_branch_from_every_layer_in_every_process()
    {
        var branches = Enumerable.Range(0, 2).Select(_ =>
        {
            var layer = StartLayer(Relay);
            layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack2xx", toTag: "callee1", routes: ThroughUs), Caller));
            return ExpectRequest("ACK", CalleeA).TopVia!.Branch!;
        }).ToList();

        Assert.Equal(branches[0], branches[1]);
        // FNV-1a of the received branch: a hash seeded per process (string.GetHashCode) differs here run to run.
        Assert.EndsWith(".a7c0a3a5", branches[0]);
    }

    [Fact]
    public void A_failed_lookup_drops_the_ACK_and_is_logged_with_its_cause()
    {
        Resolver = new FailingResolver();
        StartLayer(Relay).OnMessage(From(Request("ACK", toTag: "callee1", routes: ThroughUs), Caller));

        AwaitAssert(() =>
        {
            var (level, message) = Assert.Single(Faults.Entries);
            Assert.Equal(LogLevel.Warning, level);
            Assert.Contains("Stateless forwarding failed (ACK call-1 to sip:bob@10.0.0.2): InvalidOperationException: no DNS answer", message);
        }, TimeSpan.FromSeconds(5));
        ExpectNothingSent();
    }

    [Fact]
    public void An_ACK_for_a_transport_with_no_listener_is_dropped_and_logged()
    {
        Transport.LocalEndPoints = [FakeTransport.LocalUdp];
        Transport.AdvertisedEndPoints = [FakeTransport.LocalUdp];
        StartLayer(Relay).OnMessage(From(Request("ACK", uri: "sip:bob@10.0.0.2;transport=tcp", toTag: "callee1", routes: ThroughUs), Caller));

        AwaitAssert(() => Assert.Contains("Stateless forwarding failed (ACK call-1 to sip:bob@10.0.0.2;transport=tcp)", Assert.Single(Faults.Entries).Message),
            TimeSpan.FromSeconds(5));
        ExpectNothingSent();
    }

    private sealed class FailingResolver : ITargetResolver
    {
        public async ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new InvalidOperationException("no DNS answer for " + uri.Host);
        }
    }
}
