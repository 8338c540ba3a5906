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
/// An event the callstore of <paramref name="Group"/> accepted, published on <see cref="CallEventTopics.Accepted"/>.
/// <paramref name="Offset"/> is the group journal's sequence number: gap-free and increasing within the group.
/// </summary>
public sealed record AcceptedCallEvent(CallEvent Event, int Group, long Offset);

/// <summary>One active call: the last event the callstore accepted for it and the state that event left it in.</summary>
public sealed record ActiveCall(CallEvent Latest, CallState State);

/// <summary>Asks a callstore group for its active calls; answered with <see cref="ActiveCallsSnapshot"/>.</summary>
public sealed record GetActiveCalls;

/// <summary>
/// The active calls of <paramref name="Group"/> after every accepted event up to <paramref name="Offset"/>: an
/// <see cref="AcceptedCallEvent"/> of the group with an offset at most this one is already in the snapshot.
/// </summary>
public sealed record ActiveCallsSnapshot(int Group, long Offset, IReadOnlyList<ActiveCall> Calls);

/// <summary>Distributed pub-sub topics of the call event stream.</summary>
public static class CallEventTopics
{
    /// <summary>Every <see cref="AcceptedCallEvent"/> of every group.</summary>
    public const string Accepted = "call-events.accepted";
}
