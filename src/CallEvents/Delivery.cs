namespace ClusterSip.CallEvents;

/// <summary>
/// Sent back to the sender of a <see cref="CallEvent"/> once the consumer holds it durably. A dialog keeps each event
/// until this arrives and sends it again otherwise (at-least-once); consumers drop a repeated (CallId, Sequence).
/// </summary>
public sealed record CallEventAck(string CallId, long Sequence);

/// <summary>The state of an active call, as the callstore keeps it and an Interaction Proxy snapshot shows it.</summary>
public enum CallState
{
    Dialing,
    Ringing,
    Established,
    Held,
}

/// <summary>
/// An event the callstore of <paramref name="Group"/> accepted, published on <see cref="CallEventTopics.Accepted"/> as
/// soon as it is accepted, while its journal write may still be in flight (the event is acknowledged to its dialog only
/// once journaled). <paramref name="Offset"/> numbers the group's events: gap-free and increasing within one
/// <see cref="Epoch"/>, the incarnation of the group's active instance that published it. A new incarnation (a
/// handover, a restart) continues from the journal and may reuse offsets its predecessor published but never journaled,
/// so a subscriber that sees a new epoch catches up from a snapshot.
/// </summary>
public sealed record AcceptedCallEvent(CallEvent Event, int Group, long Offset)
{
    public long Epoch { get; init; }
}

/// <summary>One active call: the last event the callstore accepted for it and the state that event left it in.</summary>
public sealed record ActiveCall(CallEvent Latest, CallState State);

/// <summary>Asks a callstore group for its active calls; answered with <see cref="ActiveCallsSnapshot"/>.</summary>
public sealed record GetActiveCalls;

/// <summary>
/// The active calls of <paramref name="Group"/> after every accepted event up to <paramref name="Offset"/>: an
/// <see cref="AcceptedCallEvent"/> of the group and of the same <see cref="Epoch"/> with an offset at most this one is
/// already in the snapshot. It covers at least every event the group published before it was asked. <see cref="Since"/>
/// is the offset the epoch began after (what its instance recovered from the journal): events of earlier epochs above
/// it were published but not journaled, and their dialogs send them again.
/// </summary>
public sealed record ActiveCallsSnapshot(int Group, long Offset, IReadOnlyList<ActiveCall> Calls)
{
    public long Epoch { get; init; }

    public long Since { get; init; }
}

/// <summary>Distributed pub-sub topics of the call event stream.</summary>
public static class CallEventTopics
{
    /// <summary>Every <see cref="AcceptedCallEvent"/> of every group.</summary>
    public const string Accepted = "call-events.accepted";
}
