using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Uris;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>$du per branch: a branch sent to its own next hop while its Request-URI stays what the target expects.</summary>
public sealed class BranchDestinationTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void Each_branch_goes_to_its_own_destination_and_keeps_its_request_uri()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.SetUri("sip:bob@phone.invalid");
            c.SetDestination(SipUri.Parse("sip:10.0.0.2:5060"));
            c.AppendBranch("sip:bob@tablet.invalid", [], SipUri.Parse("sip:10.0.0.3:5060"));
            c.AppendBranch("sip:bob@10.0.0.1:5070");
            c.TRelay();
        }));

        layer.OnMessage(From(Request("OPTIONS", uri: "sip:bob@example.com"), Caller));

        var sent = ExpectSent(3);
        Assert.Equal("sip:bob@phone.invalid", Find(sent, "OPTIONS", CalleeA).RequestUri.ToString());
        Assert.Equal("sip:bob@tablet.invalid", Find(sent, "OPTIONS", CalleeB).RequestUri.ToString());
        Assert.Equal("sip:bob@10.0.0.1:5070", Find(sent, "OPTIONS", Udp("10.0.0.1", 5070)).RequestUri.ToString());
    }
}
