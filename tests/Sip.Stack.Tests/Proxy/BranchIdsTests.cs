using ClusterSip.Sip.Stack.Proxy;
using Xunit;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Proxy;

/// <summary>The loop hash of RFC 3261 16.6 step 8: the same for the same request, different when what routes it differs.</summary>
public sealed class BranchIdsTests
{
    [Fact]
    public void The_loop_hash_is_the_same_for_the_same_request_and_covers_the_CSeq_number_and_the_Route_lines()
    {
        var hash = BranchIds.LoopHash(Request("INVITE", cseq: 12));

        Assert.Equal(hash, BranchIds.LoopHash(Request("INVITE", cseq: 12)));
        Assert.NotEqual(hash, BranchIds.LoopHash(Request("INVITE", cseq: 13)));
        Assert.NotEqual(hash, BranchIds.LoopHash(Request("INVITE", cseq: 1)));
        Assert.NotEqual(hash, BranchIds.LoopHash(Request("INVITE", cseq: 12, routes: ["<sip:10.0.0.9;lr>"])));
        Assert.NotEqual(
            BranchIds.LoopHash(Request("INVITE", cseq: 12, routes: ["<sip:10.0.0.9;lr>"])),
            BranchIds.LoopHash(Request("INVITE", cseq: 12, routes: ["<sip:10.0.0.8;lr>"])));
        Assert.Matches("^[0-9a-f]{16}$", hash);
    }
}
