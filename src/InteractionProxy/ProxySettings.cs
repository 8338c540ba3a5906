using System.Net;

namespace ClusterSip.InteractionProxy;

/// <summary>cluster-sip.interaction-proxy, as the node read it (hocon/node.conf documents each key).</summary>
/// <param name="EndPoint">Where the TCP server listens.</param>
/// <param name="CacheMaxEvents">Events a session keeps for a resume, at most.</param>
/// <param name="CacheMaxAge">How long a session keeps an event for a resume.</param>
/// <param name="CacheMaxTotalEvents">Events all sessions of a node keep together, at most (<see cref="Sessions.CacheBudget"/>).</param>
/// <param name="SessionTimeout">How long a session without a connection lives before it is dropped.</param>
/// <param name="DisconnectGrace">How long a client cluster keeps a disconnected node's interactions before they move.</param>
/// <param name="MaxLineBytes">The longest line a client may send.</param>
/// <param name="SendQueue">Lines queued to one connection, at most, before the client counts as too slow and is closed.</param>
/// <param name="Secrets">ClusterId to shared secret; a registration of a listed ClusterId must carry it as Secret.</param>
public sealed record ProxySettings(
    IPEndPoint EndPoint,
    int CacheMaxEvents,
    TimeSpan CacheMaxAge,
    long CacheMaxTotalEvents,
    TimeSpan SessionTimeout,
    TimeSpan DisconnectGrace,
    int MaxLineBytes,
    int SendQueue,
    IReadOnlyDictionary<string, string> Secrets);
