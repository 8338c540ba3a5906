using ClusterSip.CallEvents;

namespace ClusterSip.Dialogs;

/// <summary>Stamps a call's events with what every event carries (docs/call-events.md) and the next sequence number.</summary>
internal sealed class CallEventFactory(DialogStart call)
{
    private long _sequence;

    public CallInitiated Initiated(Stamp at) => new()
    {
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallForked Forked(Stamp at, int branch, string target) => new()
    {
        BranchId = BranchId(branch), Target = target,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallRinging Ringing(Stamp at, int branch, int statusCode) => new()
    {
        BranchId = BranchId(branch), StatusCode = statusCode,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallAnswered Answered(Stamp at, int branch, string answeredBy) => new()
    {
        BranchId = BranchId(branch), AnsweredBy = answeredBy,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallHeld Held(Stamp at, PartyRole by) => new()
    {
        By = by,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallRetrieved Retrieved(Stamp at, PartyRole by) => new()
    {
        By = by,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallTransferred Transferred(Stamp at, PartyRole by, TransferMethod method, string target) => new()
    {
        By = by, Method = method, Target = target,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallReleased Released(Stamp at, PartyRole by, int statusCode, string reason) => new()
    {
        By = by, StatusCode = statusCode, Reason = reason,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public CallFailed Failed(Stamp at, int statusCode, string cause) => new()
    {
        StatusCode = statusCode, Cause = cause,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    public UserDataChanged UserDataChanged(Stamp at, IReadOnlyList<string> changedKeys) => new()
    {
        ChangedKeys = changedKeys,
        CallId = call.CallId, SipCallId = call.SipCallId, Domain = call.Domain, From = call.From, To = call.To, Node = call.Node,
        Sequence = ++_sequence, Time = at.Time, UserData = at.UserData,
    };

    private static string BranchId(int branch) => branch.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>When an event happens and the user data it carries.</summary>
internal readonly record struct Stamp(DateTimeOffset Time, IReadOnlyDictionary<string, string> UserData);
