using ClusterSip.CallEvents;
using ClusterSip.Sip.Sdp;

namespace ClusterSip.Dialogs;

/// <summary>Something the proxy saw (or was told) that a dialog acts on. <see cref="DialogInputReader"/> builds them from SIP messages.</summary>
public interface IDialogInput;

/// <summary>
/// The initial INVITE as the proxy took it. <paramref name="FromHeader"/> and <paramref name="ToHeader"/> are the
/// header values as received (From with the caller's tag, To without one); <paramref name="CallerRoutes"/> the
/// INVITE's Record-Route URIs, top first: the route set from this proxy towards the caller.
/// </summary>
public sealed record DialogStart(
    string CallId,
    string Node,
    string SipCallId,
    string Domain,
    CallParty From,
    CallParty To,
    string FromHeader,
    string ToHeader,
    string CallerTag,
    string? CallerTarget,
    uint CallerCSeq,
    IReadOnlyList<string> CallerRoutes);

/// <summary>The INVITE was relayed on branch <paramref name="Branch"/> (1-based) to <paramref name="Target"/>.</summary>
public sealed record BranchRelayed(int Branch, string Target) : IDialogInput;

/// <summary>
/// A response to the initial INVITE received on a branch, with its To tag, Contact and Record-Route URIs (top first,
/// as the callee returned them); <paramref name="ToHeader"/> is its To value (with the callee's tag).
/// </summary>
public sealed record BranchResponse(int Branch, int StatusCode, string ToHeader, string? ToTag, string? Contact, IReadOnlyList<string> RecordRoutes)
    : IDialogInput;

/// <summary>The final response the proxy sent the caller for the initial INVITE.</summary>
public sealed record FinalResponseSent(int StatusCode) : IDialogInput;

/// <summary>The caller cancelled the initial INVITE.</summary>
public sealed record CancelReceived : IDialogInput
{
    public static readonly CancelReceived Instance = new();
}

/// <summary>
/// A request inside the dialog (either direction, told apart by <paramref name="FromTag"/>): its CSeq, the Contact of a
/// target refresh, what its SDP says about hold, and a REFER's Refer-To.
/// </summary>
public sealed record InDialogRequest(string Method, string FromTag, string ToTag, uint CSeq, string? Contact, SdpHoldState Sdp, string? ReferTo) : IDialogInput;

/// <summary>
/// An INVITE with Replaces naming this dialog (RFC 3891): <paramref name="RecipientTag"/> is the Replaces to-tag (the
/// tag of the party the INVITE reached), <paramref name="Target"/> the replacing INVITE's Request-URI.
/// </summary>
public sealed record ReplacedBy(string RecipientTag, string Target) : IDialogInput;

/// <summary>End a confirmed call with BYE to both sides (Kamailio's dlg_bye / dlg.end_dlg); answered with <see cref="EndResult"/>.</summary>
public sealed record EndDialog(string Reason) : IDialogInput;

/// <summary>The route script set (a value) or removed (null) user data keys.</summary>
public sealed record SetUserData(IReadOnlyDictionary<string, string?> Changes) : IDialogInput;

/// <summary>The confirmed dialog reached cluster-sip.dialogs.default-timeout.</summary>
public sealed record DialogTimedOut : IDialogInput
{
    public static readonly DialogTimedOut Instance = new();
}
