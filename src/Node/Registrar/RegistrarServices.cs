using Akka.Actor;
using ClusterSip.Node.Settings;
using ClusterSip.Registrar;
using ClusterSip.Registrar.Auth;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;

namespace ClusterSip.Node.Registrar;

/// <summary>
/// The registrar of a node, kept as an extension of its ActorSystem so the management API and the route script
/// find it (absent when cluster-sip.registrar.domains is empty).
/// </summary>
public sealed class RegistrarServices(
    RegistrarSettings settings,
    LocationService location,
    SipRegistrar registrar,
    DigestAuthenticator authenticator,
    RegistrarStatistics statistics,
    UsrlocStatistics usrloc) : IExtension
{
    public RegistrarSettings Settings { get; } = settings;

    public LocationService Location { get; } = location;

    /// <summary>save("location") with www_authorize when cluster-sip.auth.enabled is on.</summary>
    public SipRegistrar Registrar { get; } = registrar;

    /// <summary>For routes that challenge other requests (www_authorize, proxy_authorize), whether or not REGISTER needs auth.</summary>
    public DigestAuthenticator Authenticator { get; } = authenticator;

    public RegistrarStatistics Statistics { get; } = statistics;

    public UsrlocStatistics Usrloc { get; } = usrloc;

    public static RegistrarServices? Of(ActorSystem system) => system.HasExtension<RegistrarServices>() ? system.GetExtension<RegistrarServices>() : null;

    public void AttachTo(ActorSystem system) => system.RegisterExtension(new Id(this));

    private sealed class Id(RegistrarServices services) : ExtensionIdProvider<RegistrarServices>
    {
        public override RegistrarServices CreateExtension(ExtendedActorSystem system) => services;
    }
}
