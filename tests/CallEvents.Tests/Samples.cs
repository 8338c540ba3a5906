namespace ClusterSip.CallEvents.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset Time = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    public static T Stamp<T>(T e, long sequence = 1) where T : CallEvent => e with
    {
        CallId = "c-1",
        SipCallId = "abc@host",
        Sequence = sequence,
        Domain = "example.com",
        From = new CallParty("Alice", "sip:alice@example.com"),
        To = new CallParty("", "sip:bob@example.com"),
        Node = "cluster-sip@127.0.0.1:4101",
        Time = Time,
    };

    /// <summary>One event of every type, each with its own fields set.</summary>
    public static IEnumerable<CallEvent> OneOfEach()
    {
        var blank = new CallInitiated { CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = new("", ""), To = new("", ""), Node = "", Time = Time };
        yield return Stamp(blank);
        yield return Stamp(new CallForked { BranchId = "1", Target = "sip:bob@192.0.2.4", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 2);
        yield return Stamp(new CallRinging { BranchId = "1", StatusCode = 183, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 3);
        yield return Stamp(new CallAnswered { BranchId = "1", AnsweredBy = "sip:bob@192.0.2.4", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 4);
        yield return Stamp(new CallHeld { By = PartyRole.Callee, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 5);
        yield return Stamp(new CallRetrieved { By = PartyRole.Callee, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 6);
        yield return Stamp(new CallTransferred { By = PartyRole.Caller, Method = TransferMethod.Replaces, Target = "sip:carol@example.com", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 7);
        yield return Stamp(new UserDataChanged { ChangedKeys = ["queue"], UserData = new Dictionary<string, string> { ["queue"] = "sales" }, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 8);
        yield return Stamp(new CallReleased { By = PartyRole.System, StatusCode = 408, Reason = "timeout", CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 9);
        yield return Stamp(new CallFailed { StatusCode = 487, Cause = FailureCauses.Cancelled, CallId = "", SipCallId = "", Sequence = 0, Domain = "", From = blank.From, To = blank.To, Node = "", Time = Time }, 2);
    }
}
