using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>Builds the events of one call as a dialog emits them, with consecutive sequence numbers.</summary>
public sealed class Calls(string callId, string domain, string node, DateTimeOffset start)
{
    private long _sequence;

    public string CallId => callId;

    public string Node { get; set; } = node;

    public CallInitiated Initiated() => Next<CallInitiated>(new CallInitiated { CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, 0);

    public CallForked Forked(string branch, string target, double at) =>
        Next(new CallForked { BranchId = branch, Target = target, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallRinging Ringing(string branch, double at) =>
        Next(new CallRinging { BranchId = branch, StatusCode = 180, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallAnswered Answered(string branch, double at) =>
        Next(new CallAnswered { BranchId = branch, AnsweredBy = $"sip:{branch}@192.0.2.4", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallHeld Held(PartyRole by, double at) =>
        Next(new CallHeld { By = by, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallRetrieved Retrieved(PartyRole by, double at) =>
        Next(new CallRetrieved { By = by, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallTransferred Transferred(string target, double at) =>
        Next(new CallTransferred { By = PartyRole.Callee, Method = TransferMethod.Refer, Target = target, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallReleased Released(PartyRole by, double at) =>
        Next(new CallReleased { By = by, StatusCode = 200, Reason = "bye", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public CallFailed Failed(string cause, int status, double at) =>
        Next(new CallFailed { Cause = cause, StatusCode = status, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at);

    public UserDataChanged UserDataChanged(string key, string value, double at) =>
        Next(new UserDataChanged { ChangedKeys = [key], CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = null!, To = null!, Node = "", Time = default }, at)
            with { UserData = new Dictionary<string, string> { [key] = value } };

    /// <summary>A whole answered call: initiated, forked, ringing, answered, released.</summary>
    public IReadOnlyList<CallEvent> Answered(double talkSeconds) =>
        [Initiated(), Forked("1", "sip:bob@192.0.2.4", 0.01), Ringing("1", 0.2), Answered("1", 1), Released(PartyRole.Caller, 1 + talkSeconds)];

    private T Next<T>(T e, double at) where T : CallEvent => e with
    {
        CallId = callId,
        SipCallId = $"{callId}@test",
        Sequence = ++_sequence,
        Domain = domain,
        From = new CallParty("Alice", $"sip:alice@{domain}"),
        To = new CallParty("", $"sip:bob@{domain}"),
        Node = Node,
        Time = start.AddSeconds(at),
    };
}
