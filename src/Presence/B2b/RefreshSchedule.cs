using ClusterSip.Sip.Headers;

namespace ClusterSip.Presence.B2b;

/// <summary>When the next SUBSCRIBE goes: the seed's refresh rule and the RFC 6665 4.1.3 rules after a termination.</summary>
public static class RefreshSchedule
{
    /// <summary>
    /// resubscribe_delta before the granted expiry, but never sooner than min_resubscribe_time after the previous
    /// SUBSCRIBE (sent <paramref name="sinceLastSend"/> ago).
    /// </summary>
    public static TimeSpan RefreshDelay(TimeSpan granted, TimeSpan sinceLastSend, PresenceB2bSettings settings)
    {
        var beforeExpiry = granted - settings.ResubscribeDelta;
        var afterPrevious = settings.MinResubscribeTime - sinceLastSend;
        var delay = beforeExpiry > afterPrevious ? beforeExpiry : afterPrevious;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }

    /// <summary>
    /// How long to wait before subscribing again after Subscription-State: terminated, or null when the reason says
    /// a new subscription is pointless (rejected, noresource, invariant).
    /// </summary>
    public static TimeSpan? RetryAfterTermination(SubscriptionStateHeader state, TimeSpan onErrorRetryTime)
    {
        var reason = state.Reason?.ToLowerInvariant();
        if (reason is "rejected" or "noresource" or "invariant")
        {
            return null;
        }

        if (state.RetryAfter is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return reason is "deactivated" or "timeout" ? TimeSpan.Zero : onErrorRetryTime;
    }
}
