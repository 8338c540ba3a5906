using System.Net;
using System.Net.Http.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Node.Management;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>One node with a token, a sharded entity type and a singleton, shared by the API tests.</summary>
public sealed class TokenNodeFixture : IAsyncLifetime
{
    public const string Token = "fixture-token";
    public const string ShardType = "test-echo";
    public const string Singleton = "test-singleton";

    public InProcessNode Node { get; private set; } = null!;

    /// <summary>Where the node's SIP stack listens (UDP and TCP).</summary>
    public IPEndPoint Sip { get; } = new(IPAddress.Loopback, FreePorts.Next());

    /// <summary>The node's SIP stack, and through it its dialogs.</summary>
    public SipFeature SipFeature { get; } = new();

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(Token, [SipFeature], $"cluster-sip.sip.listen=[\"udp:{Sip}\", \"tcp:{Sip}\"]");
        await Node.Api.WaitUntilReadyAsync();

        var system = Node.Node.ActorSystem;
        var region = await ClusterSharding.Get(system).StartAsync(ShardType, Props.Create<EchoEntity>(), ClusterShardingSettings.Create(system), new ToEntityExtractor());
        foreach (var id in new[] { "alice", "bob" })
            await region.Ask<string>(new ToEntity(id, "hello"), TimeSpan.FromSeconds(30));
        Node.Node.Singletons.Start(Singleton, Props.Create<IdleSingleton>());
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

[Collection(NodesCollection.Name)]
public sealed class ManagementApiTests(TokenNodeFixture fixture) : IClassFixture<TokenNodeFixture>
{
    private InProcessNode Node => fixture.Node;

    [Theory]
    [InlineData("/health/alive")]
    [InlineData("/health/ready")]
    public async Task Health_routes_answer_without_a_token(string path)
    {
        using var anonymous = new ManagementClient(Node.Node.ManagementUri);

        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOfAsync(path));
    }

    [Theory]
    [InlineData("GET", "/cluster/members", null)]
    [InlineData("GET", "/cluster/members", "Bearer wrong-token")]
    [InlineData("GET", "/cluster/members", "Basic Zml4dHVyZS10b2tlbg==")]
    [InlineData("GET", "/metrics", null)]
    [InlineData("GET", "/security/blocked", null)]
    [InlineData("GET", "/cluster/singletons", "Bearer")]
    [InlineData("POST", "/cluster/members", null)]
    [InlineData("DELETE", "/cluster/members/cluster-sip@127.0.0.1:1", "Bearer fixture-token-but-longer")]
    [InlineData("GET", "/no/such/route", null)]
    public async Task Without_the_right_token_every_other_route_is_401_and_nothing_else(string method, string path, string? authorization)
    {
        using var anonymous = new ManagementClient(Node.Node.ManagementUri);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Members_lists_this_node_as_the_one_Up_member()
    {
        var members = await Node.Api.MembersAsync();

        Assert.Equal(Node.Address, members.SelfNode);
        Assert.Equal(Node.Address, members.Leader);
        Assert.Equal(Node.Address, members.Oldest);
        var member = Assert.Single(members.Members);
        Assert.Equal(("Up", 1, true), (member.Status, member.UpNumber, member.Reachable));
        Assert.Empty(members.Unreachable);
    }

    public static TheoryData<Func<string, string>> AddressForms => new()
    {
        address => address,
        Uri.EscapeDataString,
        address => address.Replace("akka.tcp://", ""),
    };

    [Theory]
    [MemberData(nameof(AddressForms))]
    public async Task A_member_is_found_by_its_address_plain_url_encoded_or_short(Func<string, string> form)
    {
        var member = await Node.Api.GetJsonAsync<MemberResponse>($"/cluster/members/{form(Node.Address)}");

        Assert.Equal(Node.Address, member.Node);
    }

    [Fact]
    public async Task An_unknown_member_is_404_with_a_reason()
    {
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/cluster/members/cluster-sip@127.0.0.1:1"),
            new HttpRequestMessage(HttpMethod.Delete, "/cluster/members/cluster-sip@127.0.0.1:1"),
            new HttpRequestMessage(HttpMethod.Put, "/cluster/members/cluster-sip@127.0.0.1:1") { Content = JsonContent.Create(new { operation = "down" }) },
        })
        {
            using var response = await Node.Api.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("cluster-sip@127.0.0.1:1", (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error);
        }
    }

    public static TheoryData<string, string, string?, string, string> BadRequests => new()
    {
        { "POST", "/cluster/members", "application/json", "{\"address\": ", "not JSON" },
        { "POST", "/cluster/members", "application/json", "[\"akka.tcp://cluster-sip@127.0.0.1:1\"]", "string field 'address'" },
        { "POST", "/cluster/members", "application/json", "{\"addr\": \"akka.tcp://cluster-sip@127.0.0.1:1\"}", "string field 'address'" },
        { "POST", "/cluster/members", "application/json", "{\"address\": \"not an address\"}", "is not a node address" },
        { "POST", "/cluster/members", "application/x-www-form-urlencoded", "other=1", "form field 'address' is missing" },
        { "PUT", "/cluster/members/{self}", "application/json", "{\"operation\": \"explode\"}", "unknown operation 'explode'" },
        { "PUT", "/cluster/members/{self}", "application/json", "{}", "string field 'operation'" },
        { "PUT", "/cluster/members/{self}", null, "", "not JSON" },
        { "GET", "/cluster/members/no-port-here", null, "", "is not a node address" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_400_with_a_reason(string method, string path, string? contentType, string body, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{self}", Node.ShortAddress));
        if (contentType is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        using var response = await Node.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error);
    }

    [Fact]
    public async Task An_unknown_route_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, await Node.Api.StatusOfAsync("/cluster/nothing-here"));

    [Fact]
    public async Task Metrics_count_members_by_status_in_prometheus_text()
    {
        using var response = await Node.Api.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("cluster_sip_cluster_members{status=\"up\"} 1", text);
        Assert.Contains("cluster_sip_cluster_members{status=\"joining\"} 0", text);
        Assert.Contains("cluster_sip_cluster_unreachable_members 0", text);
        Assert.Contains("cluster_sip_node_ready 1", text);
    }

    [Fact]
    public async Task Shards_report_each_region_and_its_entities()
    {
        var shards = await Node.Api.GetJsonAsync<ShardsResponse>($"/cluster/shards/{TokenNodeFixture.ShardType}");

        Assert.Equal(2, shards.EntityCount);
        var region = Assert.Single(shards.Regions);
        Assert.Equal(2, region.EntityCount);
        Assert.Equal(2, region.Shards.Sum(s => s.EntityCount));
    }

    [Fact]
    public async Task A_shard_type_that_is_not_started_is_404_with_a_reason()
    {
        using var response = await Node.Api.GetAsync("/cluster/shards/no-such-type");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error;
        Assert.Contains("'no-such-type' is not started", error);
        Assert.Contains(TokenNodeFixture.ShardType, error);
    }

    [Fact]
    public async Task Singletons_report_the_member_they_run_on()
    {
        var singletons = await Node.Api.GetJsonAsync<SingletonsResponse>("/cluster/singletons");

        var singleton = Assert.Single(singletons.Singletons);
        Assert.Equal((TokenNodeFixture.Singleton, null, Node.Address), (singleton.Name, singleton.Role, singleton.RunsOn));
    }
}
