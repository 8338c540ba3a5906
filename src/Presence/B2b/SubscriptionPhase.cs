namespace ClusterSip.Presence.B2b;

/// <summary>Where a B2B subscription stands; shown by the management API.</summary>
public enum SubscriptionPhase
{
    /// <summary>No watcher yet (or recovering).</summary>
    Idle,

    /// <summary>The first SUBSCRIBE waits out its random share of max_subscribe_delay.</summary>
    Delayed,

    /// <summary>A SUBSCRIBE that starts a dialog is on its way.</summary>
    Subscribing,

    /// <summary>Confirmed; a refresh is scheduled.</summary>
    Active,

    /// <summary>Failed or terminated; the next SUBSCRIBE goes after on_error_retry_time (or the notifier's retry-after).</summary>
    Retrying,

    /// <summary>SUBSCRIBE with Expires: 0 sent; waiting wait_for_term_notify for the terminating NOTIFY.</summary>
    Unsubscribing,

    /// <summary>The notifier ended the subscription for good, or the last watcher left.</summary>
    Ended,
}
