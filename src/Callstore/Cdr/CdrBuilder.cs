using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Cdr;

/// <summary>Folds a finished call's events (in sequence order, ending with CallReleased or CallFailed) into its CDR.</summary>
public static class CdrBuilder
{
    public static CallDetailRecord Build(int group, IReadOnlyList<CallEvent> events)
    {
        var first = events[0];
        var last = events[^1];
        var forks = new List<CdrFork>();
        var holds = new List<CdrHold>();
        var transfers = new List<CdrTransfer>();
        DateTimeOffset? ringing = null, answered = null, heldSince = null;
        PartyRole heldBy = PartyRole.System;
        string? answeredBy = null, answeredBranch = null;

        foreach (var e in events)
        {
            switch (e)
            {
                case CallForked f:
                    forks.Add(new CdrFork(f.BranchId, f.Target, f.Time, null, false));
                    break;
                case CallRinging r:
                    ringing ??= r.Time;
                    UpdateFork(forks, r.BranchId, fork => fork with { RingingAt = fork.RingingAt ?? r.Time });
                    break;
                case CallAnswered a:
                    answered = a.Time;
                    answeredBy = a.AnsweredBy;
                    answeredBranch = a.BranchId;
                    UpdateFork(forks, a.BranchId, fork => fork with { Answered = true });
                    break;
                case CallHeld h when heldSince is null:
                    heldSince = h.Time;
                    heldBy = h.By;
                    break;
                case CallRetrieved r when heldSince is { } since:
                    holds.Add(Hold(heldBy, since, r.Time));
                    heldSince = null;
                    break;
                case CallTransferred t:
                    transfers.Add(new CdrTransfer(t.By, t.Method, t.Target, t.Time));
                    break;
            }
        }
        if (heldSince is { } open) holds.Add(Hold(heldBy, open, last.Time));

        var (status, cause, hungUpBy) = last switch
        {
            CallReleased r => (r.StatusCode, r.Reason, r.By),
            CallFailed f => (f.StatusCode, f.Cause, FailedBy(f.Cause)),
            _ => throw new ArgumentException($"call {last.CallId} has not ended: its last event is {last.Type}", nameof(events)),
        };

        return new CallDetailRecord(
            first.CallId,
            first.SipCallId,
            group,
            first.Domain,
            first.From,
            first.To,
            first.Time,
            ringing,
            answered,
            last.Time,
            ringing is { } rang ? Seconds(rang, answered ?? last.Time) : 0,
            answered is { } up ? Seconds(up, last.Time) : 0,
            forks,
            answeredBy,
            answeredBranch,
            holds,
            transfers,
            status,
            cause,
            hungUpBy,
            events.Select(e => e.Node).Distinct().ToList(),
            last.UserData);
    }

    private static PartyRole FailedBy(string cause) => cause switch
    {
        FailureCauses.Cancelled => PartyRole.Caller,
        FailureCauses.Rejected => PartyRole.Callee,
        _ => PartyRole.System,
    };

    private static CdrHold Hold(PartyRole by, DateTimeOffset start, DateTimeOffset end) => new(by, start, end, Seconds(start, end));

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);

    private static void UpdateFork(List<CdrFork> forks, string branchId, Func<CdrFork, CdrFork> update)
    {
        var index = forks.FindIndex(f => f.BranchId == branchId);
        if (index >= 0) forks[index] = update(forks[index]);
    }
}
