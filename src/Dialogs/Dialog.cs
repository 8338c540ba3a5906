using ClusterSip.CallEvents;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Sdp;

namespace ClusterSip.Dialogs;

/// <summary>
/// One call's dialog as a state machine (RFC 3261 12), without actors or I/O: early dialogs per To tag while the INVITE
/// forks, the confirmed dialog with both parties' targets, CSeqs and route sets, and its end. Each input returns the
/// call events it caused, each emitted once with the next sequence number, and the BYEs to send.
/// </summary>
public sealed class Dialog
{
    private readonly CallEventFactory _events;
    private readonly Dictionary<string, Leg> _early = new(StringComparer.Ordinal);
    private readonly HashSet<int> _rang = [];
    private readonly SortedDictionary<string, string> _userData = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _userDataView = CallEvent.EmptyUserData;
    private Leg? _callee;
    private uint _callerCSeq;
    private uint? _calleeCSeq;
    private bool _cancelled;
    private bool _held;

    public Dialog(DialogStart start, DateTimeOffset now)
    {
        Start = start;
        StartTime = now;
        CallerTarget = start.CallerTarget;
        _callerCSeq = start.CallerCSeq;
        _events = new CallEventFactory(start);
    }

    public DialogStart Start { get; }

    public DateTimeOffset StartTime { get; }

    public DialogState State { get; private set; }

    /// <summary>The caller's Contact (updated by its target refreshes).</summary>
    public string? CallerTarget { get; private set; }

    /// <summary>The answering callee's Contact, once confirmed.</summary>
    public string? CalleeTarget => _callee?.Target;

    public string? CalleeTag => _callee?.Tag;

    /// <summary>The Record-Route URIs between this proxy and the caller, nearest first.</summary>
    public IReadOnlyList<string> RoutesTowardsCaller => Start.CallerRoutes;

    /// <summary>The Record-Route URIs between this proxy and the callee, nearest first (confirmed dialogs).</summary>
    public IReadOnlyList<string> RoutesTowardsCallee => _callee?.Routes ?? [];

    public IReadOnlyDictionary<string, string> UserData => _userDataView;

    /// <summary>The first event: the INVITE was taken.</summary>
    public DialogOutput Begin() => Emit(_events.Initiated(At(StartTime)));

    public DialogOutput Handle(IDialogInput input, DateTimeOffset now)
    {
        if (State == DialogState.Terminated)
        {
            return DialogOutput.None;
        }

        var at = At(now);
        return input switch
        {
            BranchRelayed relayed => State == DialogState.Confirmed ? DialogOutput.None : Emit(_events.Forked(at, relayed.Branch, relayed.Target)),
            BranchResponse response => OnResponse(response, at),
            FinalResponseSent { StatusCode: >= 300 } final when State != DialogState.Confirmed => Fail(final.StatusCode, at),
            FinalResponseSent => DialogOutput.None,
            CancelReceived => Note(() => _cancelled = true),
            InDialogRequest request => OnRequest(request, at),
            ReplacedBy replaced => Emit(_events.Transferred(at, RoleOf(replaced.RecipientTag) ?? PartyRole.Callee, TransferMethod.Replaces, replaced.Target)),
            EndDialog end when State == DialogState.Confirmed => End(at, end.Reason, 200),
            DialogTimedOut when State == DialogState.Confirmed => End(at, "timeout", 408),
            SetUserData set => OnUserData(set, now),
            _ => DialogOutput.None,
        };
    }

    private DialogOutput OnResponse(BranchResponse response, Stamp at)
    {
        if (State == DialogState.Confirmed)
        {
            return DialogOutput.None; // a 2xx of another branch: the caller ends that dialog itself (RFC 3261 13.2.2.4)
        }

        if (response.StatusCode >= 300)
        {
            foreach (var tag in _early.Where(e => e.Value.Branch == response.Branch).Select(e => e.Key).ToList())
            {
                _early.Remove(tag);
            }

            State = _early.Count > 0 ? DialogState.Early : DialogState.Unconfirmed;
            return DialogOutput.None;
        }

        var leg = response.ToTag is null ? null : new Leg(response.Branch, response.ToTag, response.ToHeader, response.Contact, DialogRoute.TowardsCallee(response.RecordRoutes, Start.CallerRoutes, Start.CallId));
        if (response.StatusCode >= 200)
        {
            _callee = leg ?? new Leg(response.Branch, "", response.ToHeader, response.Contact, DialogRoute.TowardsCallee(response.RecordRoutes, Start.CallerRoutes, Start.CallId));
            _early.Clear();
            State = DialogState.Confirmed;
            return Emit(_events.Answered(at, response.Branch, response.Contact ?? ""));
        }

        if (leg is not null)
        {
            _early[leg.Tag] = leg;
            State = DialogState.Early;
        }

        return response.StatusCode is 180 or 183 && _rang.Add(response.Branch)
            ? Emit(_events.Ringing(at, response.Branch, response.StatusCode))
            : DialogOutput.None;
    }

    private DialogOutput OnRequest(InDialogRequest request, Stamp at)
    {
        // The To tag must name the other party: a BYE with the caller's From tag but another To tag ends the dialog of
        // a second 2xx of the fork (RFC 3261 13.2.2.4), not this call.
        if (State != DialogState.Confirmed || RoleOf(request.FromTag) is not { } by
            || request.ToTag != (by == PartyRole.Caller ? _callee!.Tag : Start.CallerTag))
        {
            return DialogOutput.None;
        }

        if (by == PartyRole.Caller)
        {
            _callerCSeq = Math.Max(_callerCSeq, request.CSeq);
        }
        else
        {
            _calleeCSeq = Math.Max(_calleeCSeq ?? 0, request.CSeq);
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update && request.Contact is { } contact)
        {
            if (by == PartyRole.Caller)
            {
                CallerTarget = contact;
            }
            else
            {
                _callee = _callee! with { Target = contact };
            }
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                State = DialogState.Terminated;
                return Emit(_events.Released(at, by, 200, "bye"));
            case SipMethods.Invite or SipMethods.Update when request.Sdp == SdpHoldState.Held && !_held:
                _held = true;
                return Emit(_events.Held(at, by));
            case SipMethods.Invite or SipMethods.Update when request.Sdp == SdpHoldState.Active && _held:
                _held = false;
                return Emit(_events.Retrieved(at, by));
            case SipMethods.Refer when request.ReferTo is { } referTo:
                return Emit(_events.Transferred(at, by, TransferMethod.Refer, referTo));
            default:
                return DialogOutput.None;
        }
    }

    private DialogOutput Fail(int statusCode, Stamp at)
    {
        State = DialogState.Terminated;
        var cause = _cancelled ? FailureCauses.Cancelled : statusCode == 408 ? FailureCauses.Timeout : FailureCauses.Rejected;
        return Emit(_events.Failed(at, statusCode, cause));
    }

    private DialogOutput End(Stamp at, string reason, int statusCode)
    {
        State = DialogState.Terminated;
        var callee = _callee!;
        var requests = new List<SipRequest>(2);
        if (callee.Target is { } calleeTarget)
        {
            _callerCSeq++;
            requests.Add(ByeRequests.Create(calleeTarget, callee.Routes, Start.FromHeader, callee.ToHeader, Start.SipCallId, _callerCSeq));
        }

        if (CallerTarget is { } callerTarget)
        {
            _calleeCSeq = (_calleeCSeq ?? 0) + 1;
            requests.Add(ByeRequests.Create(callerTarget, Start.CallerRoutes, callee.ToHeader, Start.FromHeader, Start.SipCallId, _calleeCSeq.Value));
        }

        return new DialogOutput([_events.Released(at, PartyRole.System, statusCode, reason)], requests);
    }

    private DialogOutput OnUserData(SetUserData set, DateTimeOffset now)
    {
        var changed = new List<string>();
        foreach (var (key, value) in set.Changes)
        {
            var differs = value is null ? _userData.Remove(key) : !_userData.TryGetValue(key, out var old) || old != value;
            if (value is not null && differs)
            {
                _userData[key] = value;
            }

            if (differs)
            {
                changed.Add(key);
            }
        }

        if (changed.Count == 0)
        {
            return DialogOutput.None;
        }

        _userDataView = new Dictionary<string, string>(_userData, StringComparer.Ordinal);
        return Emit(_events.UserDataChanged(At(now), changed));
    }

    private PartyRole? RoleOf(string tag) =>
        tag == Start.CallerTag ? PartyRole.Caller : _callee is { } callee && tag == callee.Tag ? PartyRole.Callee : null;

    private Stamp At(DateTimeOffset now) => new(now, _userDataView);

    private static DialogOutput Emit(CallEvent e) => new([e], []);

    private static DialogOutput Note(Action change)
    {
        change();
        return DialogOutput.None;
    }

    private sealed record Leg(int Branch, string Tag, string ToHeader, string? Target, IReadOnlyList<string> Routes);
}
