using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ClusterSip.Sip.Stack.Tests.Support;

/// <summary>TestKit on virtual time with a fake transport: sends arrive at <see cref="Wire"/> as <see cref="TransportSent"/>.</summary>
public abstract class TmTestKit : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString(
        "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");

    protected TmTestKit(ITestOutputHelper output)
        : base(VirtualTime, output: output)
    {
        Wire = CreateTestProbe("wire");
        Transport = new FakeTransport(Wire);
    }

    protected TestProbe Wire { get; }

    protected FakeTransport Transport { get; }

    protected TmStatistics Statistics { get; } = new();

    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    protected static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>A route script that relays every request to its Request-URI (<c>t_relay()</c>).</summary>
    protected static DelegateRouteScript Relay { get; } = new(c => c.TRelay());

    protected ITargetResolver Resolver { get; set; } = new IpLiteralTargetResolver();

    /// <summary>What the layer logs (faults nothing can answer).</summary>
    protected RecordingLogger Faults { get; } = new();

    protected TransactionEnvironment Env(
        IRouteScript? script = null,
        TmSettings? settings = null,
        RoutingSettings? routing = null,
        IReadOnlyList<IRequestHook>? hooks = null,
        IReadOnlyList<SipParameter>? recordRouteParameters = null) =>
        ScriptedProxy.Environment(
            Sys,
            Transport,
            settings ?? NodeConfDefaults.Tm,
            routing ?? NodeConfDefaults.Routing,
            script ?? new DelegateRouteScript(_ => { }),
            Resolver,
            Statistics,
            Faults,
            hooks,
            recordRouteParameters);

    protected TransactionLayer StartLayer(IRouteScript script, TmSettings? settings = null, RoutingSettings? routing = null) =>
        StartLayer(Env(script, settings, routing));

    protected TransactionLayer StartLayer(TransactionEnvironment env) => TransactionLayer.Start(Sys, env, "tm-" + Guid.NewGuid().ToString("N"));

    /// <summary>The next <paramref name="count"/> messages on the wire, in whatever order they were sent.</summary>
    protected List<TransportSent> ExpectSent(int count) => Wire.ReceiveN(count).Cast<TransportSent>().ToList();

    protected static SipRequest Find(List<TransportSent> sent, string method, SipEndPoint to) =>
        sent.Single(s => s.Message is SipRequest r && r.Method == method && s.Destination == to).Request;

    protected static SipResponse FindResponse(List<TransportSent> sent, int code) =>
        sent.Single(s => s.Message is SipResponse r && r.StatusCode == code).Response;

    /// <summary>
    /// Advances virtual time a manager sweep at a time, as real time passes: the test scheduler fires a periodic timer
    /// once per advance, and lingering transactions expire by the manager's periodic sweeps.
    /// </summary>
    protected void Advance(TimeSpan by)
    {
        var step = TransactionManager.SweepInterval;
        for (var left = by; left > TimeSpan.Zero; left -= step)
        {
            Scheduler.Advance(left < step ? left : step);
        }
    }

    /// <summary>The next message on the wire.</summary>
    protected TransportSent ExpectSent() => Wire.ExpectMsg<TransportSent>();

    protected SipRequest ExpectRequest(string method, SipEndPoint? to = null)
    {
        var sent = ExpectSent();
        Assert.True(sent.Message is SipRequest r && r.Method == method, $"expected {method}, got {sent}");
        if (to is { } destination)
        {
            Assert.Equal(destination, sent.Destination);
        }

        return sent.Request;
    }

    protected SipResponse ExpectResponse(int code)
    {
        var sent = ExpectSent();
        Assert.True(sent.Message is SipResponse r && r.StatusCode == code, $"expected {code}, got {sent}");
        return sent.Response;
    }

    protected void ExpectNothingSent() => Wire.ExpectNoMsg(Ms(100));

    /// <summary>Waits until the manager's matching index holds the given numbers of transactions.</summary>
    protected void AwaitCounts(TransactionLayer layer, int server, int client) => AwaitCounts(layer, server, client, before: null);

    /// <summary>
    /// Waits until every transaction ended, advancing virtual time a sweep per look: a transaction that lingers after
    /// its actor stopped is removed by the manager's next sweep, and the actor may stop after the last advance.
    /// </summary>
    protected void AwaitAllEnded(TransactionLayer layer) =>
        AwaitCounts(layer, 0, 0, before: () => Advance(TransactionManager.SweepInterval));

    private void AwaitCounts(TransactionLayer layer, int server, int client, Action? before) =>
        AwaitAssert(() =>
        {
            before?.Invoke();
            var counts = layer.Manager.Ask<TransactionCounts>(GetTransactionCounts.Instance, TimeSpan.FromSeconds(3)).Result;
            Assert.Equal(new TransactionCounts(server, client), counts);
        }, TimeSpan.FromSeconds(5), Ms(20));

    protected override void AfterAll()
    {
        Statistics.Dispose();
        base.AfterAll();
    }
}
