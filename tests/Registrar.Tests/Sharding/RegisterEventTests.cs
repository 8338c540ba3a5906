using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Routing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Registrar.Tests.Sharding;

/// <summary>The REGISTER route event: raised for every binding added or refreshed, never for a removal or a rejected REGISTER.</summary>
public sealed class RegisterEventTests : IAsyncLifetime
{
    private readonly ClusterNodes _cluster = new();
    private readonly Recorder _events = new();
    private SipRegistrar _registrar = null!;

    public async Task InitializeAsync()
    {
        var node = await _cluster.Start();
        _registrar = new SipRegistrar(ClusterNodes.Policy, node.Location, null, new RegistrarStatistics(), _events);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Adding_and_refreshing_bindings_raise_register_and_removing_or_rejecting_does_not()
    {
        await _registrar.Register(Requests.Register("sip:carol@example.com", lines: "Contact: <sip:carol@192.0.2.10>;expires=600, <sip:carol@192.0.2.11>;expires=60"), null, "node-a");
        Assert.Equal(
            [("sip:carol@example.com", "sip:carol@192.0.2.10", "600"), ("sip:carol@example.com", "sip:carol@192.0.2.11", "60")],
            _events.Take());

        await _registrar.Register(Requests.Register("sip:carol@example.com", cseq: 2, lines: "Contact: <sip:carol@192.0.2.11>;expires=120"), null, "node-a");
        Assert.Equal([("sip:carol@example.com", "sip:carol@192.0.2.11", "120")], _events.Take());

        await _registrar.Register(Requests.Register("sip:carol@example.com", cseq: 3, lines: "Contact: <sip:carol@192.0.2.10>;expires=0"), null, "node-a");
        await _registrar.Register(Requests.Register("sip:carol@example.com", cseq: 4, lines: "Contact: <sip:carol@192.0.2.12>;expires=soon"), null, "node-a");
        Assert.Empty(_events.Take());
    }

    [Fact]
    public async Task A_binding_registered_along_a_path_carries_it_in_the_event()
    {
        await _registrar.Register(
            Requests.Register("sip:dave@example.com", lines: ["Contact: <sip:dave@192.0.2.10>", "Path: <sip:edge1.example;lr>, <sip:edge2.example;lr>"]), null, "node-a");
        Assert.Equal("<sip:edge1.example;lr>, <sip:edge2.example;lr>", Assert.Single(_events.All())[RegisterEvent.Path]);

        await _registrar.Register(Requests.Register("sip:erin@example.com", lines: "Contact: <sip:erin@192.0.2.10>"), null, "node-a");
        Assert.Equal("", Assert.Single(_events.All())[RegisterEvent.Path]);
    }

    private sealed class Recorder : IRouteEventPublisher
    {
        private readonly List<RouteEvent> _published = [];

        public void Publish(RouteEvent routeEvent)
        {
            Assert.Equal(RegisterEvent.Name, routeEvent.Name);
            lock (_published) _published.Add(routeEvent);
        }

        public List<RouteEvent> All()
        {
            lock (_published)
            {
                var all = _published.ToList();
                _published.Clear();
                return all;
            }
        }

        public List<(string?, string?, string?)> Take() =>
            All().Select(e => (e[RegisterEvent.Aor], e[RegisterEvent.Contact], e[RegisterEvent.Expires])).ToList();
    }
}
