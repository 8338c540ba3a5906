using System.Net;
using ClusterSip.Node.Management;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Registrar.Location;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class RegistrarNodeFixture : IAsyncLifetime
{
    public InProcessNode Node { get; private set; } = null!;

    public RegistrarServices Registrar => RegistrarServices.Of(Node.Node.ActorSystem)!;

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(features: [new RegistrarFeature()], sets: ["cluster-sip.registrar.domains=[\"example.com\"]", "cluster-sip.registrar.lookup-timeout=30s"]);
        await Node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

[Collection(NodesCollection.Name)]
public sealed class LocationApiTests(RegistrarNodeFixture fixture) : IClassFixture<RegistrarNodeFixture>
{
    private ManagementClient Api => fixture.Node.Api;

    private Task<RegisterOutcome> Register(string aor, string contact, string? path = null) =>
        fixture.Registrar.Location.Register(new RegisterCommand(
            aor, false, [new ContactRequest(contact, $"<{contact}>;q=0.5", 600, 0.5, null, null)], "call-" + aor, 1,
            path is null ? [] : [path], "udp:192.0.2.10:5060", "softphone/1.0", fixture.Node.Address));

    [Fact]
    public async Task A_record_shows_its_bindings_and_delete_removes_them()
    {
        Assert.True((await Register("sip:alice@example.com", "sip:alice@192.0.2.10", "<sip:edge.example.com;lr>")).Accepted);

        var record = await Api.GetJsonAsync<LocationRecordResponse>("/location/sip%3Aalice%40example.com");
        var binding = Assert.Single(record.Bindings);
        Assert.Equal("sip:alice@example.com", record.Aor);
        Assert.Equal(("<sip:alice@192.0.2.10>;q=0.5", 0.5, "udp:192.0.2.10:5060", "softphone/1.0", fixture.Node.Address),
            (binding.Contact, binding.Q!.Value, binding.Received, binding.UserAgent, binding.Node));
        Assert.Equal(["<sip:edge.example.com;lr>"], binding.Path);
        Assert.InRange(binding.Expires, 590, 600);

        using var deleted = await Api.DeleteAsync("/location/alice@example.com");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await Api.StatusOfAsync("/location/alice@example.com"));
        using var again = await Api.DeleteAsync("/location/alice@example.com");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_the_records_with_bindings()
    {
        foreach (var user in new[] { "p1", "p2", "p3" })
            await Register($"sip:{user}@example.com", $"sip:{user}@192.0.2.20");

        var first = await Api.GetJsonAsync<LocationPageResponse>("/location?limit=2");
        var all = await Api.GetJsonAsync<LocationPageResponse>("/location?limit=1000");
        Assert.Equal(2, first.Records.Count);
        Assert.Equal(all.Records.Take(2), first.Records);
        Assert.Superset(new HashSet<string> { "sip:p1@example.com", "sip:p2@example.com", "sip:p3@example.com" }, all.Records.ToHashSet());
        var rest = await Api.GetJsonAsync<LocationPageResponse>($"/location?offset=2&limit=1000");
        Assert.Equal(all.Records.Skip(2), rest.Records);
        Assert.Equal(all.Total, rest.Total);
    }

    [Theory]
    [InlineData("/location?limit=0")]
    [InlineData("/location?limit=1001")]
    [InlineData("/location?offset=-1")]
    [InlineData("/location?offset=first")]
    [InlineData("/location/tel%3A%2B15551234")]
    [InlineData("/location/sip%3A")]
    public async Task Bad_paging_or_a_bad_address_of_record_gets_400_with_a_reason(string path)
    {
        using var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Usrloc_and_registrar_statistics_are_listed_under_kamailio_names()
    {
        await Register("sip:stats@example.com", "sip:stats@192.0.2.30");
        var usrloc = await Api.GetJsonAsync<StatisticsResponse>("/statistics/usrloc");
        var registrar = await Api.GetJsonAsync<StatisticsResponse>("/statistics/registrar");

        Assert.Equal(["location-contacts", "location-expires", "location-users", "registered_users"], usrloc.Statistics.Keys.Order(StringComparer.Ordinal));
        Assert.True(usrloc.Statistics["registered_users"] >= 1);
        Assert.True(usrloc.Statistics["location-contacts"] >= 1);
        Assert.Equal(["accepted_regs", "rejected_regs"], registrar.Statistics.Keys.Order(StringComparer.Ordinal));

        var metrics = await (await Api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("usrloc_registered_users", metrics);
        Assert.Contains("registrar_accepted_regs", metrics);
    }
}

[Collection(NodesCollection.Name)]
public sealed class LocationApiWithoutRegistrarTests
{
    [Fact]
    public async Task Without_served_domains_the_location_api_says_the_registrar_is_off()
    {
        await using var node = await InProcessNode.StartAsync(features: [new RegistrarFeature()]);
        using var response = await node.Api.GetAsync("/location");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("registrar is off", await response.Content.ReadAsStringAsync());
    }
}
