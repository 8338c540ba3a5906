using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Agent;

/// <summary>Who may watch a presentity.</summary>
public enum WatcherPolicy
{
    AllowAll,

    /// <summary>Only subscribers of the presentity's own domain.</summary>
    SameDomain,
}

/// <summary>The presence agent (cluster-sip.presence).</summary>
/// <param name="Domains">Presentity domains the agent serves (lower case).</param>
/// <param name="AcceptInternalSubscriptions">The PA module's switch: internal subscriptions are served from the agent's state, with no SIP.</param>
/// <param name="DefaultExpires">Expiry of a PUBLISH or SUBSCRIBE without Expires, in seconds.</param>
/// <param name="MinExpires">Shorter (non-zero) expiries are refused with 423.</param>
/// <param name="MaxExpires">Longer expiries are granted this long.</param>
/// <param name="AnswerTimeout">How long a PUBLISH or SUBSCRIBE waits for its presentity's actor; past it, 500.</param>
/// <param name="LocalContact">Contact of the agent's responses and NOTIFYs.</param>
public sealed record PresenceAgentSettings(
    IReadOnlyList<string> Domains,
    WatcherPolicy Policy,
    bool AcceptInternalSubscriptions,
    int DefaultExpires,
    int MinExpires,
    int MaxExpires,
    TimeSpan AnswerTimeout,
    AnyUri LocalContact)
{
    public bool Serves(AnyUri presentity) =>
        presentity is SipUri sip && Domains.Contains(sip.Host.ToLowerInvariant());
}
