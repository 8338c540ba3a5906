using System.Net;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

[Collection(NodesCollection.Name)]
public sealed class StatisticsApiTests(TokenNodeFixture fixture) : IClassFixture<TokenNodeFixture>
{
    private InProcessNode Node => fixture.Node;

    [Fact]
    public async Task Tm_statistics_count_a_locally_answered_request_and_reset_keeps_inuse()
    {
        Assert.StartsWith("SIP/2.0 404 ", await SipProbe.OptionsOverUdpAsync(fixture.Sip));

        var before = await Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/tm");
        Assert.Equal("tm", before.Group);
        Assert.True(before.Statistics["UAS_transactions"] >= 1, "the OPTIONS made a server transaction");
        Assert.True(before.Statistics["local_replies"] >= 1, "the 404 was a local reply");
        Assert.True(before.Statistics["4xx_transactions"] >= 1);
        Assert.Equal(
            ["2xx_transactions", "3xx_transactions", "4xx_transactions", "5xx_transactions", "6xx_transactions", "UAC_transactions",
             "UAS_transactions", "inuse_transactions", "local_replies", "overload_replies", "received_replies", "relayed_replies"],
            before.Statistics.Keys.Order(StringComparer.Ordinal));

        using var reset = await Node.Api.PostJsonAsync("/statistics/tm/reset", new { });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var after = await Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/tm");
        Assert.All(after.Statistics.Where(s => s.Key != "inuse_transactions"), s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public async Task All_groups_are_listed_and_an_unknown_group_is_404_with_a_reason()
    {
        var groups = await Node.Api.GetJsonAsync<List<StatisticsResponse>>("/statistics");
        Assert.Contains(groups, g => g.Group == "tm");

        using var unknown = await Node.Api.GetAsync("/statistics/nosuch");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no statistics group 'nosuch'", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Statistics_need_the_token()
    {
        using var anonymous = new ManagementClient(Node.Node.ManagementUri);

        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusOfAsync("/statistics/tm"));
    }

    [Fact]
    public async Task Sip_transport_and_tm_instruments_are_on_metrics()
    {
        Assert.StartsWith("SIP/2.0 404 ", await SipProbe.OptionsOverUdpAsync(fixture.Sip));

        var metrics = await (await Node.Api.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("clustersip_sip_tm_uas_transactions ", metrics);
        Assert.Contains("clustersip_sip_tm_inuse_transactions ", metrics);
        Assert.Contains("clustersip_sip_transport_messages_received{kind=\"request\",protocol=\"udp\"} ", metrics);
        Assert.DoesNotContain("sip_transport_sip_transport", metrics); // the prefix is said once (docs/management-api.md)
    }
}
