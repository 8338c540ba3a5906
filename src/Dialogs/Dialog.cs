using ClusterSip.CallEvents;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Sdp;

namespace ClusterSip.Dialogs;

/// <summary>
/// One call's dialog as a state machine (RFC 3261 12), without actors or I/O: early dialogs per To tag while the INVITE
/// forks, then one confirmed dialog per callee that answered (a forking proxy relays every 2xx, RFC 3261 16.7 step 5,
/// so several callees may answer; 13.2.2.4), each with both parties' targets, CSeqs and the callee's route set, and the
/// call's end with its last dialog. Each input returns the call events it caused, each emitted once with the next
/// sequence number, and the BYEs to send.
/// </summary>
public sealed class Dialog
{
    private readonly CallEventFactory _events;
    // Made when first needed and dropped once the call is answered: a confirmed dialog, which may last hours, keeps
    // nothing of its early state.
    private Dictionary<string, int>? _earlyBranches;
    private HashSet<int>? _rang;
    private SortedDictionary<string, string>? _userData;
    private IReadOnlyDictionary<string, string> _userDataView = CallEvent.EmptyUserData;
    private List<Leg>? _answered;
    private int _liveDialogs;
    private bool _cancelled;
    private bool _held;
    private volatile DialogState _state; // read by the management API on any thread

    public Dialog(DialogStart start, DateTimeOffset now)
    {
        Start = start;
        StartTime = now;
        _events = new CallEventFactory(start);
    }

    public DialogStart Start { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The call's state: confirmed from the first 2xx until its last confirmed dialog ends.</summary>
    public DialogState State { get => _state; private set => _state = value; }

    /// <summary>The Record-Route URIs between this proxy and the caller, nearest first (the same in every dialog of the call).</summary>
    public IReadOnlyList<string> RoutesTowardsCaller => Start.CallerRoutes;

    /// <summary>The dialogs with the callees that answered, in the order of their 2xx; ended ones stay listed.</summary>
    public IReadOnlyList<AnsweredDialog> Answered => _answered?.Select(l => l.View()).ToList() ?? [];

    /// <summary>
    /// The confirmed dialogs beyond the call's first one that have not ended (the further answers of a forked INVITE);
    /// the call's own state counts the first.
    /// </summary>
    public int ExtraDialogs => State == DialogState.Confirmed ? _liveDialogs - 1 : 0;

    public IReadOnlyDictionary<string, string> UserData => _userDataView;

    /// <summary>The call as the management API lists it; callable from any thread.</summary>
    public DialogSummary Summary() => new(Start.CallId, Start.SipCallId, State, Start.From, Start.To, Start.Node, StartTime);

    /// <summary>The first event: the INVITE was taken.</summary>
    public DialogOutput Begin() => Emit(_events.Initiated(At(StartTime)));

    /// <summary>The confirmed dialog a request with these tags belongs to, in either direction; null when none does.</summary>
    public AnsweredDialog? DialogOf(string fromTag, string toTag) => LegOf(fromTag, toTag, out _)?.View();

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
            BranchResponse { StatusCode: >= 200 and < 300 } answer => OnAnswer(answer, at),
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

    /// <summary>
    /// A 2xx: a confirmed dialog with its callee (RFC 3261 12.1.2). The first answers the call; a further one, from
    /// another callee of the fork, is a dialog of its own that the caller acknowledges and usually ends at once
    /// (13.2.2.4): it is followed, but the call was answered once and emits nothing new.
    /// </summary>
    private DialogOutput OnAnswer(BranchResponse response, Stamp at)
    {
        var tag = response.ToTag ?? "";
        if (Find(tag) is not null)
        {
            return DialogOutput.None; // a retransmission
        }

        (_answered ??= new List<Leg>(1)).Add(new Leg(
            response.Branch, tag, response.ToHeader, response.Contact,
            DialogRoute.TowardsCallee(response.RecordRoutes, Start.CallerRoutes, Start.CallId), Start.CallerTarget, Start.CallerCSeq));
        _liveDialogs++;
        if (State == DialogState.Confirmed)
        {
            return DialogOutput.None;
        }

        _earlyBranches = null;
        _rang = null;
        State = DialogState.Confirmed;
        return Emit(_events.Answered(at, response.Branch, response.Contact ?? ""));
    }

    private DialogOutput OnResponse(BranchResponse response, Stamp at)
    {
        if (State == DialogState.Confirmed)
        {
            return DialogOutput.None;
        }

        if (response.StatusCode >= 300)
        {
            if (_earlyBranches is not null)
            {
                foreach (var tag in _earlyBranches.Where(e => e.Value == response.Branch).Select(e => e.Key).ToList())
                {
                    _earlyBranches.Remove(tag);
                }
            }

            State = _earlyBranches?.Count > 0 ? DialogState.Early : DialogState.Unconfirmed;
            return DialogOutput.None;
        }

        if (response.ToTag is { } toTag && response.StatusCode > 100) // 101-199 with a To tag (RFC 3261 12.1)
        {
            (_earlyBranches ??= new Dictionary<string, int>(StringComparer.Ordinal))[toTag] = response.Branch;
            State = DialogState.Early;
        }

        return response.StatusCode is 180 or 183 && (_rang ??= []).Add(response.Branch)
            ? Emit(_events.Ringing(at, response.Branch, response.StatusCode))
            : DialogOutput.None;
    }

    private DialogOutput OnRequest(InDialogRequest request, Stamp at)
    {
        // The To tag must name the other party of one of the call's confirmed dialogs (each callee that answered a
        // forked INVITE has its own, RFC 3261 13.2.2.4).
        if (State != DialogState.Confirmed || LegOf(request.FromTag, request.ToTag, out var by) is not { Ended: false } leg)
        {
            return DialogOutput.None;
        }

        if (by == PartyRole.Caller)
        {
            leg.CallerCSeq = Math.Max(leg.CallerCSeq, request.CSeq);
        }
        else
        {
            leg.CalleeCSeq = Math.Max(leg.CalleeCSeq ?? 0, request.CSeq);
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update && request.Contact is { } contact)
        {
            if (by == PartyRole.Caller)
            {
                leg.CallerTarget = contact;
            }
            else
            {
                leg.CalleeTarget = contact;
            }
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                leg.Ended = true;
                if (--_liveDialogs > 0)
                {
                    return DialogOutput.None; // another callee's dialog carries the call on
                }

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

    /// <summary>Ends every confirmed dialog of the call that has not ended: BYE to its callee and to the caller.</summary>
    private DialogOutput End(Stamp at, string reason, int statusCode)
    {
        State = DialogState.Terminated;
        _liveDialogs = 0;
        var requests = new List<SipRequest>(2);
        foreach (var leg in _answered!.Where(l => !l.Ended))
        {
            leg.Ended = true;
            if (leg.CalleeTarget is { } calleeTarget)
            {
                requests.Add(ByeRequests.Create(calleeTarget, leg.Routes, Start.FromHeader, leg.ToHeader, Start.SipCallId, ++leg.CallerCSeq));
            }

            if (leg.CallerTarget is { } callerTarget)
            {
                leg.CalleeCSeq = (leg.CalleeCSeq ?? 0) + 1;
                requests.Add(ByeRequests.Create(callerTarget, Start.CallerRoutes, leg.ToHeader, Start.FromHeader, Start.SipCallId, leg.CalleeCSeq.Value));
            }
        }

        return new DialogOutput([_events.Released(at, PartyRole.System, statusCode, reason)], requests);
    }

    private DialogOutput OnUserData(SetUserData set, DateTimeOffset now)
    {
        var changed = new List<string>();
        _userData ??= new SortedDictionary<string, string>(StringComparer.Ordinal);
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

    /// <summary>The confirmed dialog of a request with these tags, and who sent it.</summary>
    private Leg? LegOf(string fromTag, string toTag, out PartyRole by)
    {
        by = fromTag == Start.CallerTag ? PartyRole.Caller : PartyRole.Callee;
        var (callerTag, calleeTag) = by == PartyRole.Caller ? (fromTag, toTag) : (toTag, fromTag);
        return callerTag == Start.CallerTag ? Find(calleeTag) : null;
    }

    private PartyRole? RoleOf(string tag) =>
        tag == Start.CallerTag ? PartyRole.Caller : Find(tag) is not null ? PartyRole.Callee : null;

    // A loop rather than List.Find with a lambda: every response and in-dialog request comes here, without a closure.
    private Leg? Find(string calleeTag)
    {
        if (_answered is null)
        {
            return null;
        }

        foreach (var leg in _answered)
        {
            if (leg.Tag == calleeTag)
            {
                return leg;
            }
        }

        return null;
    }

    private Stamp At(DateTimeOffset now) => new(now, _userDataView);

    private static DialogOutput Emit(CallEvent e) => new([e], []);

    private static DialogOutput Note(Action change)
    {
        change();
        return DialogOutput.None;
    }

    /// <summary>The confirmed dialog with one callee: its To (with the callee's tag), both targets, both CSeqs and the route set towards the callee.</summary>
    private sealed class Leg(int branch, string tag, string toHeader, string? calleeTarget, IReadOnlyList<string> routes, string? callerTarget, uint callerCSeq)
    {
        public int Branch { get; } = branch;

        public string Tag { get; } = tag;

        public string ToHeader { get; } = toHeader;

        public IReadOnlyList<string> Routes { get; } = routes;

        public string? CalleeTarget { get; set; } = calleeTarget;

        public string? CallerTarget { get; set; } = callerTarget;

        public uint CallerCSeq { get; set; } = callerCSeq;

        public uint? CalleeCSeq { get; set; }

        public bool Ended { get; set; }

        public AnsweredDialog View() => new(Branch, Tag, CalleeTarget, CallerTarget, Routes, Ended);
    }
}
