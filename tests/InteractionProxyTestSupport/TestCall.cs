using ClusterSip.CallEvents;

namespace ClusterSip.InteractionProxy.Tests.Support;

/// <summary>Builds the call events of one call in order, as its dialog would emit them.</summary>
public sealed class TestCall(string callId)
{
    private static readonly CallParty Caller = new("Alice", "sip:alice@example.com");
    private static readonly CallParty Callee = new("", "sip:bob@example.com");
    private readonly Dictionary<string, string> _userData = new();
    private long _sequence;
    private DateTimeOffset _time = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    public string CallId => callId;

    public CallInitiated Initiated() => Next(new CallInitiated { CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallForked Forked() => Next(new CallForked { BranchId = "1", Target = "sip:bob@192.0.2.4", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallRinging Ringing() => Next(new CallRinging { BranchId = "1", StatusCode = 180, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallAnswered Answered() => Next(new CallAnswered { BranchId = "1", AnsweredBy = "sip:bob@192.0.2.4", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallHeld Held() => Next(new CallHeld { By = PartyRole.Caller, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallRetrieved Retrieved() => Next(new CallRetrieved { By = PartyRole.Caller, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallTransferred Transferred() => Next(new CallTransferred { By = PartyRole.Callee, Method = TransferMethod.Refer, Target = "sip:carol@example.com", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public UserDataChanged Set(string key, string value)
    {
        _userData[key] = value;
        return Next(new UserDataChanged { ChangedKeys = [key], CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });
    }

    public CallReleased Released() => Next(new CallReleased { By = PartyRole.Callee, StatusCode = 200, Reason = "bye", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    public CallFailed Abandoned() => Next(new CallFailed { StatusCode = 487, Cause = FailureCauses.Cancelled, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = Caller, To = Callee, Node = "", Time = default });

    private T Next<T>(T e) where T : CallEvent
    {
        _time = _time.AddMilliseconds(10);
        return e with
        {
            CallId = callId,
            SipCallId = callId + "@pc33.example.com",
            Sequence = ++_sequence,
            Domain = "example.com",
            Node = "cluster-sip@127.0.0.1:4101",
            Time = _time,
            UserData = new Dictionary<string, string>(_userData),
        };
    }
}
