using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Sip;

/// <summary>
/// Keeps the pike's <see cref="TrustedPeers"/> equal to the addresses of the other cluster members that are up: a
/// member's host (an IP literal, or a name resolved once when it comes up) is trusted from MemberUp until
/// MemberRemoved, so nodes forwarding SIP to each other are never rate-limited as one busy source.
/// </summary>
public sealed class ClusterPeerWatcher : ReceiveActor
{
    private readonly TrustedPeers _peers;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<Address> _up = [];
    private readonly Dictionary<Address, IPAddress[]> _addresses = [];

    public ClusterPeerWatcher(TrustedPeers peers)
    {
        _peers = peers;
        Receive<ClusterEvent.MemberUp>(e => OnUp(e.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(e => OnRemoved(e.Member.Address));
        Receive<HostResolved>(OnResolved);
        Receive<HostUnresolved>(e => _log.Warning(e.Cause, "Cluster member {0}: its host is not trusted by the pike, it did not resolve", e.Member));
    }

    public static Props Props(TrustedPeers peers) => Akka.Actor.Props.Create(() => new ClusterPeerWatcher(peers));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnUp(Address member)
    {
        if (member == _cluster.SelfAddress || member.Host is not { Length: > 0 } host || !_up.Add(member))
        {
            return;
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            OnResolved(new HostResolved(member, [literal]));
            return;
        }

        Dns.GetHostAddressesAsync(host).PipeTo(Self, success: a => new HostResolved(member, a), failure: e => new HostUnresolved(member, e));
    }

    private void OnRemoved(Address member)
    {
        if (_up.Remove(member) && _addresses.Remove(member))
        {
            Publish();
        }
    }

    private void OnResolved(HostResolved resolved)
    {
        if (_up.Contains(resolved.Member))
        {
            _addresses[resolved.Member] = resolved.Addresses;
            Publish();
        }
    }

    private void Publish() => _peers.Replace(_addresses.Values.SelectMany(a => a));

    private sealed record HostResolved(Address Member, IPAddress[] Addresses);

    private sealed record HostUnresolved(Address Member, Exception Cause);
}
