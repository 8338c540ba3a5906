namespace ClusterSip.InteractionProxy.Interactions;

/// <summary>
/// One interaction event as a client receives it, before its session numbers it and applies its UdataFilter.
/// The names follow the Genesys T-Library (docs/iproxy-protocol.md); the optional fields are present only in the
/// events that carry them.
/// </summary>
/// <param name="Name">EventDialing, EventRinging, EventEstablished, …</param>
/// <param name="ConnId">The interaction id (the call event contract's callId).</param>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Snapshot">The interaction's current state, sent in a snapshot or when the interaction moved to this node.</param>
/// <param name="Party">Who held, retrieved, transferred or released: Caller, Callee or System.</param>
public sealed record InteractionEvent(
    string Name,
    string ConnId,
    string CallId,
    string ThisDn,
    string OtherDn,
    IReadOnlyDictionary<string, string> UserData,
    string Node,
    DateTimeOffset Time,
    bool Snapshot = false,
    string? Party = null,
    int? StatusCode = null,
    string? Cause = null,
    string? AnsweredBy = null,
    string? ThirdPartyDn = null,
    string? TransferMethod = null,
    string[]? ChangedKeys = null);
