using ClusterSip.CallEvents;

namespace ClusterSip.Node.Management;

/// <param name="CallId">The interaction id, as call events carry it.</param>
/// <param name="State">Unconfirmed, Early, Confirmed (Terminated dialogs are not listed).</param>
/// <param name="Node">The node serving the dialog, system@host:port.</param>
public sealed record DialogResponse(string CallId, string SipCallId, string State, CallParty From, CallParty To, string Node, DateTimeOffset StartTime);

/// <param name="Total">Dialogs on the nodes that answered.</param>
/// <param name="Unanswered">Members that did not answer within ask-timeout: their dialogs are missing from the page.</param>
public sealed record DialogsResponse(int Total, int Offset, int Limit, IReadOnlyList<DialogResponse> Dialogs, IReadOnlyList<string> Unanswered);
