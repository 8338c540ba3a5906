using System.Text.Json;
using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class UdataFilterTests(ITestOutputHelper output) : ProxyTest(output)
{
    [Fact]
    public async Task Missing_means_all_user_data_empty_means_none_listed_keys_mean_only_those()
    {
        using var all = await ConnectAsync();
        using var none = await ConnectAsync();
        using var some = await ConnectAsync();
        await all.RegisterAsync("all", "n", "s-all");
        await none.RegisterAsync("none", "n", "s-none", r => r with { UdataFilter = [] });
        await some.RegisterAsync("some", "n", "s-some", r => r with { UdataFilter = ["queue", "vip"] });
        foreach (var client in new[] { all, none, some }) await client.ReadSnapshotAsync();

        var call = new TestCall("c-data");
        await PublishAsync(call.Initiated(), call.Set("queue", "sales"), call.Set("account", "42"), call.Set("vip", "yes"));

        var allLines = await all.ReadAsync(4);
        var noneLines = await none.ReadAsync(4);
        var someLines = await some.ReadAsync(4);
        Assert.Equal(["EventDialing", "EventAttachedDataChanged", "EventAttachedDataChanged", "EventAttachedDataChanged"], allLines.Select(l => l.Name()));

        Assert.Equal(new Dictionary<string, string> { ["account"] = "42", ["queue"] = "sales", ["vip"] = "yes" }, UserData(allLines[3]));
        Assert.All(noneLines, l => Assert.Empty(UserData(l)));
        Assert.Equal(new Dictionary<string, string> { ["queue"] = "sales", ["vip"] = "yes" }, UserData(someLines[3]));
        Assert.Equal(["account"], ChangedKeys(allLines[2]));
        Assert.Empty(ChangedKeys(someLines[2]));
        Assert.Equal(["vip"], ChangedKeys(someLines[3]));
    }

    private static Dictionary<string, string> UserData(JsonElement line) =>
        line.GetProperty("UserData").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static List<string> ChangedKeys(JsonElement line) =>
        line.GetProperty("ChangedKeys").EnumerateArray().Select(k => k.GetString()!).ToList();
}
