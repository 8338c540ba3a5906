using ClusterSip.CallEvents;

namespace ClusterSip.Dialogs;

/// <summary>A dialog as the management API lists it.</summary>
/// <param name="Node">The node serving it (system@host:port).</param>
public sealed record DialogSummary(
    string CallId,
    string SipCallId,
    DialogState State,
    CallParty From,
    CallParty To,
    string Node,
    DateTimeOffset StartTime);
