using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.B2b;

/// <summary>The presence_b2b module's parameters (cluster-sip.presence_b2b, same names, meanings and defaults).</summary>
/// <param name="DefaultExpiration">Expires of every SUBSCRIBE, in seconds.</param>
/// <param name="PresenceRoute">Route put into the first SUBSCRIBE of each dialog; null = none.</param>
/// <param name="AdditionalPresenceHeaders">Header lines appended to every SUBSCRIBE.</param>
/// <param name="PresenceOutboundProxy">Where every SUBSCRIBE is sent; null = by its Request-URI and Route.</param>
/// <param name="LocalContact">Contact of the SUBSCRIBEs: where this node takes the NOTIFYs.</param>
/// <param name="StartingSubscriptions">Internal subscriptions a node starts at once (not a SER parameter).</param>
public sealed record PresenceB2bSettings(
    int DefaultExpiration,
    TimeSpan OnErrorRetryTime,
    NameAddress? PresenceRoute,
    IReadOnlyList<SipHeader> AdditionalPresenceHeaders,
    TimeSpan WaitForTermNotify,
    TimeSpan ResubscribeDelta,
    TimeSpan MinResubscribeTime,
    bool HandlePresenceSubscriptions,
    AnyUri? PresenceOutboundProxy,
    TimeSpan MaxSubscribeDelay,
    AnyUri LocalContact,
    int StartingSubscriptions);
