using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Node.Hosting;

/// <summary>A listener as readiness sees it: registered at start, bound once its socket is open.</summary>
/// <param name="Name">What listens, e.g. "management", "sip-udp".</param>
/// <param name="Endpoint">Where, e.g. "http://127.0.0.1:8558", "udp:127.0.0.1:5060".</param>
public sealed record ListenerStatus(string Name, string Endpoint, bool Bound);

/// <summary>
/// The listeners a node must have open before it is ready (/health/ready). A feature registers each
/// listener before it binds and marks it bound once the socket is open; one registered listener
/// that is not bound keeps the node unready, and so does a feature that has not started yet (it may
/// still register one).
/// </summary>
public sealed class ListenerRegistry(ILogger<ListenerRegistry> logger)
{
    private ImmutableDictionary<string, ListenerStatus> _listeners = ImmutableDictionary<string, ListenerStatus>.Empty;

    public IReadOnlyList<ListenerStatus> Listeners => _listeners.Values.OrderBy(l => l.Name, StringComparer.Ordinal).ToList();

    private volatile bool _complete;

    public bool AllBound => _complete && _listeners.Values.All(l => l.Bound);

    /// <summary>Every feature has started: no listener will be registered after this.</summary>
    public void Complete() => _complete = true;

    public void Register(string name, string endpoint)
    {
        if (!ImmutableInterlocked.TryAdd(ref _listeners, name, new ListenerStatus(name, endpoint, Bound: false)))
            throw new InvalidOperationException($"listener '{name}' is already registered");
    }

    /// <summary>Marks a registered listener bound, with the endpoint it actually bound (a port 0 becomes the real port).</summary>
    public void MarkBound(string name, string endpoint)
    {
        var status = new ListenerStatus(name, endpoint, Bound: true);
        ImmutableInterlocked.AddOrUpdate(ref _listeners, name,
            _ => throw new InvalidOperationException($"listener '{name}' is not registered"),
            (_, _) => status);
        logger.LogInformation("{Listener} listening on {Endpoint}", name, endpoint);
    }
}
