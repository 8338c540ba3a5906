using System.Text.Json.Serialization;
using ClusterSip.CallEvents;

namespace ClusterSip.Node.Management;

/// <param name="CallId">The interaction id, as call events carry it.</param>
/// <param name="State">Unconfirmed, Early, Confirmed (Terminated dialogs are not listed).</param>
/// <param name="Node">The node serving the dialog, system@host:port.</param>
/// <param name="Dialogs">
/// GET /dialogs/{callId} only: the call's confirmed dialogs, one per callee that answered, in the order of the answers
/// (several when callees of a forked INVITE answered).
/// </param>
public sealed record DialogResponse(
    string CallId,
    string SipCallId,
    string State,
    CallParty From,
    CallParty To,
    string Node,
    DateTimeOffset StartTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AnsweredDialogResponse>? Dialogs = null);

/// <param name="Branch">The branch of the INVITE the callee answered on (1-based, as CallForked's branchId).</param>
/// <param name="RouteSet">The Record-Route URIs between this node and the callee, nearest first.</param>
/// <param name="State">Confirmed, or Terminated once a BYE ended this dialog (the call goes on while another is confirmed).</param>
public sealed record AnsweredDialogResponse(int Branch, string CalleeTag, string? CalleeTarget, string? CallerTarget, IReadOnlyList<string> RouteSet, string State);

/// <param name="Total">Dialogs on the nodes that answered.</param>
/// <param name="Unanswered">Members that did not answer within ask-timeout: their dialogs are missing from the page.</param>
public sealed record DialogsResponse(int Total, int Offset, int Limit, IReadOnlyList<DialogResponse> Dialogs, IReadOnlyList<string> Unanswered);
