using System.Net;
using System.Net.Http.Json;
using Akka.Actor;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

[Collection(NodesCollection.Name)]
public sealed class ThreeNodeClusterTests
{
    private const string Token = "cluster-token";
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_nodes_form_one_cluster_and_the_api_takes_nodes_out_by_leave_and_down()
    {
        await using var first = await InProcessNode.StartAsync(Token);
        await using var second = await InProcessNode.StartAsync(Token, sets:
        [
            "cluster-sip.cluster.join=seed-nodes",
            $"cluster-sip.cluster.seed-nodes=[\"{first.Address}\"]",
            "cluster-sip.cluster.roles=[\"sip\"]",
        ]);
        await using var third = await InProcessNode.StartAsync(Token, sets: "cluster-sip.cluster.join=manual");
        InProcessNode[] all = [first, second, third];

        using (var join = await third.Api.PostJsonAsync("/cluster/members", new { address = first.Address }))
            Assert.Equal(HttpStatusCode.OK, join.StatusCode);

        foreach (var node in all)
        {
            var view = await UntilAsync(node, m => m.Members.Count(x => x.Status == "Up") == 3, $"{node.ShortAddress} seeing three members Up");
            Assert.Equal(all.Select(n => n.Address).Order(), view.Members.Select(m => m.Node).Order());
            Assert.Equal(first.Address, view.Oldest);
            Assert.Equal(second.Address, view.OldestPerRole["sip"]);
            // The default callstore instance names no iface, so every node hosts group 1 and carries its role.
            Assert.Equal(["callstore-1", "sip"], view.Members.Single(m => m.Node == second.Address).Roles);
        }

        using (var leave = await first.Api.DeleteAsync($"/cluster/members/{Uri.EscapeDataString(third.Address)}"))
            Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        await third.Node.Completion.WaitAsync(StopBound);
        Assert.IsType<CoordinatedShutdown.ClusterLeavingReason>(third.Node.ShutdownReason);
        foreach (var node in new[] { first, second })
            await UntilAsync(node, m => m.Members.Select(x => x.Node).Order().SequenceEqual(new[] { first.Address, second.Address }.Order()),
                $"{node.ShortAddress} seeing the third node gone");

        using (var down = await first.Api.PutJsonAsync($"/cluster/members/{second.ShortAddress}", new { operation = "down" }))
            Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        await second.Node.Completion.WaitAsync(StopBound);
        Assert.Equal(ExitCodes.Downed, ExitCodes.For(second.Node.ShutdownReason));
        var last = await UntilAsync(first, m => m.Members.Count == 1, "the first node seeing itself alone");
        Assert.Equal(first.Address, Assert.Single(last.Members).Node);
    }

    private static Task<MembersResponse> UntilAsync(InProcessNode node, Func<MembersResponse, bool> holds, string what) =>
        Eventually.Value(() => node.Api.MembersAsync(), holds, what);
}
