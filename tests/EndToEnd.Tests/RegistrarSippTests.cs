using System.Net;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Node.Management;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// SIPp phones against the registrar of a node with every feature: digest authentication as SIPp computes it (MD5,
/// the only algorithm it knows, so the node offers MD5 alone), refresh, a bad wildcard, unregister, and a call to a
/// phone that registered.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RegistrarSippTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _directory = new("registrar-sipp");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Phones_register_with_digest_refresh_send_a_bad_wildcard_and_unregister()
    {
        await using var node = await StartNode(3);

        var run = await Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("register-lifecycle.xml"), "-inf", Users(3), node.Target,
            "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "3", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 3, run.ToString());
        // The listing asks every registrar partition; right after the node starts some may still be recovering (503).
        await Eventually.Value(() => node.Node.Api.GetJsonAsync<LocationPageResponse>("/location"), page => page.Total == 0, "an empty location listing");
        var registrar = await node.Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/registrar");
        Assert.Equal((9, 3), (registrar.Statistics["accepted_regs"], registrar.Statistics["rejected_regs"]));
    }

    [Fact]
    public async Task A_call_reaches_the_phone_that_registered()
    {
        await using var node = await StartNode(1);
        var phonePort = FreePorts.Next();
        await using var phone = await Sipp.StartCalleeAsync(phonePort, "-sn", "uas", "-m", "1");
        var registration = await Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("register-contact.xml"), "-inf", Users(1, phonePort), node.Target,
            "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-timeout", "60s");
        Assert.True(registration.ExitCode == 0 && registration.SuccessfulCalls == 1, registration.ToString());

        var call = await Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("uac-domain.xml"), node.Target, "-s", "u0", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(),
            "-m", "1", "-timeout", "60s");

        Assert.True(call.ExitCode == 0 && call.SuccessfulCalls == 1, call.ToString());
        var answered = await phone.WaitForExitAsync(Limit);
        Assert.True(answered.SuccessfulCalls == 1, answered.ToString());
    }

    [Fact]
    public async Task Push_wake_up_the_desk_phone_rings_at_once_and_the_mobile_that_registers_after_the_push_answers()
    {
        using var push = new PushListener();
        await using var node = await StartNode(1, "cluster-sip.routing.script=push-wakeup", $"cluster-sip.push.url=\"{push.Url}\"", "cluster-sip.push.timeout=30s");
        var deskPort = FreePorts.Next();
        var mobilePort = FreePorts.Next();
        await using var desk = await Sipp.StartCalleeAsync(deskPort, "-sf", Sipp.Scenario("uas-no-answer.xml"), "-m", "1");
        await using var mobile = await Sipp.StartCalleeAsync(mobilePort, "-sn", "uas", "-m", "1");
        await Register(node, deskPort);

        var call = Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("uac-domain.xml"), node.Target, "-s", "u0", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(),
            "-m", "1", "-timeout", "60s");
        var pushed = await push.Next();
        Assert.Equal("sip:u0@example.com", pushed.GetProperty("aor").GetString());
        await Register(node, mobilePort);

        var caller = await call;
        Assert.True(caller.ExitCode == 0 && caller.SuccessfulCalls == 1, caller.ToString());
        Assert.True((await mobile.WaitForExitAsync(Limit)).SuccessfulCalls == 1, mobile.Output);
        Assert.True((await desk.WaitForExitAsync(Limit)).SuccessfulCalls == 1, desk.Output);
    }

    [Fact]
    public async Task A_lower_q_phone_rings_only_after_the_higher_q_phone_refused()
    {
        await using var node = await StartNode(1);
        var deskPort = FreePorts.Next();
        var mobilePort = FreePorts.Next();
        // The desk rings a second before its 486: were both rung at once, the mobile's 200 would CANCEL the desk and fail it.
        await using var desk = await Sipp.StartCalleeAsync(deskPort, "-sf", Sipp.Scenario("uas-ring-then-busy.xml"), "-d", "1000", "-m", "1");
        await using var mobile = await Sipp.StartCalleeAsync(mobilePort, "-sn", "uas", "-m", "1");
        await Register(node, deskPort, "1.0");
        await Register(node, mobilePort, "0.5");

        var call = await Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("uac-domain.xml"), node.Target, "-s", "u0", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(),
            "-m", "1", "-timeout", "60s");

        Assert.True(call.ExitCode == 0 && call.SuccessfulCalls == 1, call.ToString());
        Assert.True((await desk.WaitForExitAsync(Limit)).SuccessfulCalls == 1, desk.Output);
        Assert.True((await mobile.WaitForExitAsync(Limit)).SuccessfulCalls == 1, mobile.Output);
    }

    [Fact]
    public async Task A_binding_is_gone_once_its_expiry_passes()
    {
        await using var node = await StartNode(1);
        await Register(node, FreePorts.Next(), expires: 2);
        Assert.Equal(HttpStatusCode.OK, await node.Node.Api.StatusOfAsync("/location/sip:u0@example.com"));

        await Eventually.Value(() => node.Node.Api.StatusOfAsync("/location/sip:u0@example.com"), s => s == HttpStatusCode.NotFound, "the binding expired", TimeSpan.FromSeconds(20));
        // A lookup leaves out an expired binding at once; the partition's sweep (each second) drops and counts it.
        var usrloc = await Eventually.Value(
            async () => (await node.Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/usrloc")).Statistics,
            s => s["location-contacts"] == 0, "the sweep dropped the binding", TimeSpan.FromSeconds(10));
        Assert.Equal((0, 1), (usrloc["location-contacts"], usrloc["location-expires"]));
    }

    private async Task Register(ProxyNode node, int contactPort, string q = "1.0", int expires = 300)
    {
        var run = await Sipp.RunAsync(Limit, "-sf", Sipp.Scenario("register-contact.xml"), "-inf", Users(1, contactPort, q, expires), node.Target,
            "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-timeout", "60s");
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
    }

    private static Task<ProxyNode> StartNode(int users, params string[] sets) => ProxyNode.StartWithEveryFeatureAsync(
        [.. sets,
        "cluster-sip.registrar.domains=[\"example.com\"]",
        "cluster-sip.registrar.min-expires=1",
        "cluster-sip.auth.enabled=on",
        "cluster-sip.auth.algorithms=[\"MD5\"]",
        "cluster-sip.auth.users=[" + string.Join(", ", Enumerable.Range(0, users).Select(i => $"{{ user = \"u{i}\", domain = \"example.com\", password = \"pw{i}\" }}")) + "]"]);

    /// <summary>
    /// SIPp's injection file: user, password, the [authentication] keyword SIPp cannot build from fields, the port
    /// of the phone's contact, its q and its expiry in seconds.
    /// </summary>
    private string Users(int count, int contactPort = 0, string q = "1.0", int expires = 300)
    {
        var path = Path.Combine(_directory.Path, $"users-{count}-{contactPort}.csv");
        File.WriteAllLines(path, ["SEQUENTIAL", .. Enumerable.Range(0, count).Select(i => $"u{i};pw{i};[authentication username=u{i} password=pw{i}];{contactPort};{q};{expires}")]);
        return path;
    }
}
