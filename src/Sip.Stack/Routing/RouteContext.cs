using System.Text.RegularExpressions;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// What a route sees and can do: the functions and pseudo-variables of the tm module under C# names (docs/tm.md).
/// One context per route run; it is only valid during that run.
/// </summary>
/// <remarks>
/// Flags follow the module: message flags (<see cref="SetFlag"/>) belong to the transaction; branch flags
/// (<see cref="SetBFlag"/>) belong to one branch and are seen only in that branch's branch, reply and failure routes;
/// script flags (<see cref="SetSFlag"/>) live only for this run.
/// </remarks>
public sealed class RouteContext
{
    private readonly ProxyCore _core;
    private readonly ProxyBranch? _branch;
    private ulong _scriptFlags;
    private Dictionary<string, string>? _replyAvps;

    internal RouteContext(ProxyCore core, RouteKind kind, SipRequest request, SipResponse? reply, ProxyBranch? branch, ulong branchFlags)
    {
        _core = core;
        MessageFlags = core.Flags;
        Kind = kind;
        Request = request;
        Reply = reply;
        _branch = branch;
        BranchFlags = branchFlags;
        OriginalUri = request.RequestUri;
    }

    public RouteKind Kind { get; }

    /// <summary>The request being routed: the received one (request and failure routes) or the branch's copy (branch and reply routes).</summary>
    public SipRequest Request { get; }

    /// <summary>The reply being processed (reply route) or the winning negative final reply (failure route).</summary>
    public SipResponse? Reply { get; }

    public TmSettings Settings => _core.Env.Settings;

    public RoutingSettings Routing => _core.Env.Routing;

    /// <summary><c>$T_branch_idx</c>: the 1-based index of the branch in a branch route; 0 in every other route.</summary>
    public int TBranchIdx => Kind == RouteKind.Branch ? _branch?.Index ?? 0 : 0;

    /// <summary>The 1-based index of the branch this route concerns (branch, reply and failure routes); 0 in the request route.</summary>
    public int BranchIndex => _branch?.Index ?? 0;

    /// <summary>
    /// <c>$T_reply_code</c>: last reply sent statefully (request route), the current reply (reply route), the negative
    /// final reply (failure route); 0 when there is none.
    /// </summary>
    public int TReplyCode => Kind is RouteKind.Reply or RouteKind.Failure ? Reply?.StatusCode ?? 0 : _core.LastReplyCode;

    /// <summary>The transaction's AVPs (values read by fr_timer_avp / fr_inv_timer_avp and tw_append).</summary>
    /// <remarks>With onreply_avp_mode 0 a reply route gets its own empty list, discarded when the route ends.</remarks>
    public IDictionary<string, string> Avps =>
        Kind == RouteKind.Reply && Settings.OnReplyAvpMode == 0 ? _replyAvps ??= new Dictionary<string, string>() : _core.Avps;

    internal ulong BranchFlags { get; private set; }

    internal ulong MessageFlags { get; private set; }

    internal bool Dropped { get; private set; }

    internal bool UriChanged => !ReferenceEquals(OriginalUri, Request.RequestUri);

    private AnyUri OriginalUri { get; }

    /// <summary><c>t_newtran()</c>: the transaction exists from the first message on; always true here.</summary>
    public bool TNewTran() => _core.CommitFlags(this);

    /// <summary><c>t_relay([flags])</c>: relay statefully to the current Request-URI and the appended branches.</summary>
    public bool TRelay(RelayFlags flags = RelayFlags.None) => Allowed(RouteKind.Request, RouteKind.Failure) && _core.Relay(this, null, flags);

    /// <summary><c>t_relay(proto:host:port, [flags])</c>: relay statefully to an explicit destination "[proto:]host[:port]".</summary>
    public bool TRelay(string destination, RelayFlags flags = RelayFlags.None) =>
        Allowed(RouteKind.Request, RouteKind.Failure) && _core.Relay(this, ProxyDestinations.Parse(destination), flags);

    /// <summary><c>t_relay(proto:host:port, [flags])</c> with the destination as a SIP URI (transport parameter = proto).</summary>
    public bool TRelay(SipUri destination, RelayFlags flags = RelayFlags.None) =>
        Allowed(RouteKind.Request, RouteKind.Failure) && _core.Relay(this, destination, flags);

    /// <summary><c>t_reply(code, reason)</c>: a stateful reply.</summary>
    public bool TReply(int code, string reason) => Allowed(RouteKind.Request, RouteKind.Failure) && _core.Reply(this, code, reason);

    /// <summary><c>t_replicate(uri, [flags])</c>: send a copy of the request to another destination; its replies go nowhere.</summary>
    public bool TReplicate(string uri, RelayFlags flags = RelayFlags.None) => Allowed(RouteKind.Request) && _core.Replicate(this, AnyUri.Parse(uri), flags);

    /// <summary><c>t_release()</c>: end the transaction (after wt_timer, absorbing late messages).</summary>
    public void TRelease() => _core.Release();

    /// <summary><c>t_check_status(re)</c>: does the regular expression match the reply code (see <see cref="TReplyCode"/>)?</summary>
    public bool TCheckStatus(string regex) => Regex.IsMatch(TReplyCode.ToString(System.Globalization.CultureInfo.InvariantCulture), regex);

    /// <summary><c>t_flush_flags()</c>: store the message flags set since the transaction was created into it.</summary>
    public void TFlushFlags() => _core.CommitFlags(this);

    /// <summary><c>t_local_replied("all"|"last")</c>: were all / the last replies sent generated locally?</summary>
    public bool TLocalReplied(string which) => which switch
    {
        "all" => _core.AllRepliesLocal,
        "last" => _core.LastReplyLocal,
        _ => throw new ArgumentException("t_local_replied takes \"all\" or \"last\".", nameof(which)),
    };

    /// <summary>
    /// <c>t_check_trans()</c>: true for a CANCEL whose INVITE transaction exists (t_relay then answers it and cancels
    /// the INVITE's branches); false otherwise, as retransmissions and ACKs of a transaction never reach the routes.
    /// </summary>
    public bool TCheckTrans() => _core.HasCancelledInvite;

    /// <summary><c>t_was_cancelled()</c>: the INVITE transaction was CANCELled by the UAC.</summary>
    public bool TWasCancelled() => _core.Cancelled;

    /// <summary><c>t_on_failure(route)</c>: arm the failure route (the last call wins).</summary>
    public void TOnFailure(string route) => _core.FailureRoute = route;

    /// <summary><c>t_on_reply(route)</c>: arm the reply route.</summary>
    public void TOnReply(string route) => _core.ReplyRoute = route;

    /// <summary><c>t_on_branch(route)</c>: arm the branch route.</summary>
    public void TOnBranch(string route) => _core.BranchRoute = route;

    /// <summary><c>t_write_fifo(info, fifo)</c>: append the request (and tw_append data) to a FIFO or file, asynchronously.</summary>
    public bool TWriteFifo(string info, string fifo) => TransactionWriter.WriteFifo(Format(info), fifo, _core.Env.Faults);

    /// <summary><c>t_write_unix(info, sock)</c>: send the request (and tw_append data) to a Unix datagram socket, asynchronously.</summary>
    public bool TWriteUnix(string info, string socket) => TransactionWriter.WriteUnix(Format(info), socket, Settings.UnixTxTimeout, _core.Env.Faults);

    /// <summary>Per-transaction fr_timer (as <c>t_set_fr</c>): used by the branches relayed after this call.</summary>
    public void SetFrTimer(TimeSpan value) => _core.FrTimerOverride = value;

    /// <summary>Per-transaction fr_inv_timer (as <c>t_set_fr</c>): used by the branches relayed after this call.</summary>
    public void SetFrInvTimer(TimeSpan value) => _core.FrInvTimerOverride = value;

    /// <summary><c>setflag</c>: a message/transaction flag, seen in every route of the transaction.</summary>
    public void SetFlag(int flag) => MessageFlags |= Bit(flag);

    public void ResetFlag(int flag) => MessageFlags &= ~Bit(flag);

    public bool IsFlagSet(int flag) => (MessageFlags & Bit(flag)) != 0;

    /// <summary><c>setbflag</c>: a flag of the current branch (the Request-URI branch in request and failure routes).</summary>
    public void SetBFlag(int flag) => BranchFlags |= Bit(flag);

    public void ResetBFlag(int flag) => BranchFlags &= ~Bit(flag);

    public bool IsBFlagSet(int flag) => (BranchFlags & Bit(flag)) != 0;

    /// <summary><c>setsflag</c>: a script flag, gone when this route run ends.</summary>
    public void SetSFlag(int flag) => _scriptFlags |= Bit(flag);

    public void ResetSFlag(int flag) => _scriptFlags &= ~Bit(flag);

    public bool IsSFlagSet(int flag) => (_scriptFlags & Bit(flag)) != 0;

    /// <summary><c>append_branch([uri])</c>: add a branch (the current Request-URI by default) with the current branch flags.</summary>
    public void AppendBranch(string? uri = null) => _core.AppendBranch(uri is null ? Request.RequestUri : AnyUri.Parse(uri), BranchFlags);

    /// <summary><c>seturi(uri)</c>: rewrite the Request-URI.</summary>
    public void SetUri(string uri) => Request.RequestUri = AnyUri.Parse(uri);

    /// <summary><c>record_route()</c>: put this proxy in the route set of the dialog (RFC 3261 16.6 step 4).</summary>
    public void RecordRoute() => _core.AddRecordRoute(Request);

    /// <summary><c>drop</c>: in a branch route, do not send this branch; in a reply route, do not relay this 1xx.</summary>
    public void Drop() => Dropped = true;

    private static ulong Bit(int flag) =>
        flag is >= 0 and < 64 ? 1UL << flag : throw new ArgumentOutOfRangeException(nameof(flag), "Flags are numbered 0 to 63.");

    private bool Allowed(params ReadOnlySpan<RouteKind> kinds) =>
        kinds.Contains(Kind) ? true : throw new InvalidOperationException($"This function cannot be used in a {Kind} route.");

    private string Format(string info) => TwAppendFormatter.Format(info, this, _core.TwAppend);
}
