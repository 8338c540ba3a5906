using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Cdr;

/// <summary>A branch of a call: where it went, whether it rang and whether it answered.</summary>
public sealed record CdrFork(string BranchId, string Target, DateTimeOffset At, DateTimeOffset? RingingAt, bool Answered);

/// <summary>A hold: who held, when, and for how long (a hold still on at the end lasts until the end).</summary>
public sealed record CdrHold(PartyRole By, DateTimeOffset Start, DateTimeOffset End, double Seconds);

public sealed record CdrTransfer(PartyRole By, TransferMethod Method, string Target, DateTimeOffset At);

/// <summary>
/// The one record of a finished call (the seed's cdr/COPM3_dialogs content). Durations are in seconds:
/// ring from the first ringing to the answer (or the end), talk from the answer to the end.
/// </summary>
/// <param name="Cause">The release reason ("bye", ...) or the failure cause ("cancelled", "node-lost", ...).</param>
/// <param name="HungUpBy">Who ended the call: the releasing party; for a failure the caller when cancelled, the callee when rejected, else the system.</param>
/// <param name="Nodes">Every node that served the call's events, in order of appearance.</param>
public sealed record CallDetailRecord(
    string CallId,
    string SipCallId,
    int Group,
    string Domain,
    CallParty From,
    CallParty To,
    DateTimeOffset StartTime,
    DateTimeOffset? RingingTime,
    DateTimeOffset? AnswerTime,
    DateTimeOffset EndTime,
    double RingSeconds,
    double TalkSeconds,
    IReadOnlyList<CdrFork> Forks,
    string? AnsweredBy,
    string? AnsweredBranch,
    IReadOnlyList<CdrHold> Holds,
    IReadOnlyList<CdrTransfer> Transfers,
    int FinalStatus,
    string Cause,
    PartyRole HungUpBy,
    IReadOnlyList<string> Nodes,
    IReadOnlyDictionary<string, string> UserData);
