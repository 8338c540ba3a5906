using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace ClusterSip.Node.Hosting;

/// <summary>A cluster singleton started through the <see cref="SingletonRegistry"/>.</summary>
/// <param name="Role">The role its hosts need, or null for any member.</param>
public sealed record SingletonRegistration(string Name, string? Role, string ManagerPath);

/// <summary>
/// Starts cluster singletons and remembers them, so the management API can list each one and the
/// member it runs on (GET /cluster/singletons). Every node starts the same singletons.
/// </summary>
public sealed class SingletonRegistry(ActorSystem system)
{
    private ImmutableDictionary<string, SingletonRegistration> _singletons = ImmutableDictionary<string, SingletonRegistration>.Empty;

    public IReadOnlyList<SingletonRegistration> Singletons => _singletons.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>Starts the singleton's manager on this node and returns a proxy that reaches the singleton wherever it runs.</summary>
    /// <param name="removalMargin">How long after the previous oldest member's removal the manager starts the singleton;
    /// null: akka.cluster.down-removal-margin.</param>
    public IActorRef Start(string name, Props singletonProps, string? role = null, object? terminationMessage = null, TimeSpan? removalMargin = null)
    {
        var settings = ClusterSingletonManagerSettings.Create(system).WithRole(role);
        if (removalMargin is { } margin) settings = settings.WithRemovalMargin(margin);
        var manager = system.ActorOf(
            ClusterSingletonManager.Props(singletonProps, terminationMessage ?? PoisonPill.Instance, settings),
            name);
        if (!ImmutableInterlocked.TryAdd(ref _singletons, name, new SingletonRegistration(name, role, manager.Path.ToStringWithoutAddress())))
            throw new InvalidOperationException($"singleton '{name}' is already started");

        return system.ActorOf(
            ClusterSingletonProxy.Props(manager.Path.ToStringWithoutAddress(), ClusterSingletonProxySettings.Create(system).WithRole(role)),
            $"{name}-proxy");
    }
}
