using ClusterSip.CallEvents;

namespace ClusterSip.InteractionProxy.Interactions;

/// <summary>Maps call lifecycle events (docs/call-events.md) and call states to T-Library interaction events.</summary>
public static class TLibraryEvents
{
    /// <summary>The client event of a call event; null for a step clients do not see (a new branch).</summary>
    public static InteractionEvent? Of(CallEvent e) => e switch
    {
        CallInitiated => Base("EventDialing", e),
        CallForked => null,
        CallRinging r => Base("EventRinging", e) with { StatusCode = r.StatusCode },
        CallAnswered a => Base("EventEstablished", e) with { AnsweredBy = a.AnsweredBy },
        CallHeld h => Base("EventHeld", e) with { Party = h.By.ToString() },
        CallRetrieved r => Base("EventRetrieved", e) with { Party = r.By.ToString() },
        CallTransferred t => Base("EventPartyChanged", e) with
        {
            Party = t.By.ToString(), ThirdPartyDn = t.Target, TransferMethod = t.Method.ToString(),
        },
        UserDataChanged u => Base("EventAttachedDataChanged", e) with { ChangedKeys = [.. u.ChangedKeys] },
        CallReleased r => Base("EventReleased", e) with { Party = r.By.ToString(), StatusCode = r.StatusCode, Cause = r.Reason },
        // The caller hung up before an answer; any other unanswered end is a release with its cause.
        CallFailed { Cause: FailureCauses.Cancelled } f => Base("EventAbandoned", e) with { StatusCode = f.StatusCode, Cause = f.Cause },
        CallFailed f => Base("EventReleased", e) with { StatusCode = f.StatusCode, Cause = f.Cause },
        _ => throw new ArgumentOutOfRangeException(nameof(e), $"no T-Library event for {e.Type}"),
    };

    /// <summary>The event that shows an active call's current state, marked as a snapshot.</summary>
    public static InteractionEvent Snapshot(CallEvent latest, CallState state) =>
        Base(NameOf(state), latest) with { Snapshot = true };

    /// <summary>The state a call is in after an event, given the state before it; null once the call has ended.</summary>
    public static CallState? StateAfter(CallEvent e, CallState? before) => e switch
    {
        CallInitiated => CallState.Dialing,
        CallRinging => before is null or CallState.Dialing ? CallState.Ringing : before,
        CallAnswered => CallState.Established,
        CallHeld => CallState.Held,
        CallRetrieved => CallState.Established,
        CallReleased or CallFailed => null,
        _ => before ?? CallState.Dialing,
    };

    private static string NameOf(CallState state) => state switch
    {
        CallState.Dialing => "EventDialing",
        CallState.Ringing => "EventRinging",
        CallState.Established => "EventEstablished",
        CallState.Held => "EventHeld",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown call state"),
    };

    // Plain collection types: the event travels between nodes (a session may live on another node than its cluster).
    private static InteractionEvent Base(string name, CallEvent e) =>
        new(name, e.CallId, e.SipCallId, e.From.Uri, e.To.Uri, new Dictionary<string, string>(e.UserData), e.Node, e.Time);
}
