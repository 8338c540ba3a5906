using System.Text.RegularExpressions;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// What a route sees and can do: the functions and pseudo-variables of the tm module under C# names (docs/tm.md).
/// One context per route run; it is only valid during that run, on the thread the route runs on.
/// </summary>
/// <remarks>
/// Flags follow the module: message flags (<see cref="SetFlag"/>) belong to the transaction; branch flags
/// (<see cref="SetBFlag"/>) belong to one branch and are seen only in that branch's branch, reply and failure routes;
/// script flags (<see cref="SetSFlag"/>) live only for this run. A request with no transaction (an ACK of a 2xx,
/// <see cref="HasTransaction"/> false) can only be relayed (statelessly) or left alone.
/// </remarks>
public sealed partial class RouteContext
{
    private readonly RouteRun _run;
    private readonly ScriptRouting _routing;
    private ulong _scriptFlags;
    private Dictionary<string, string>? _ownAvps;

    internal RouteContext(RouteRun run, ScriptRouting routing)
    {
        _run = run;
        _routing = routing;
    }

    public RouteKind Kind => _run.Kind;

    /// <summary>The request being routed: the received one (request and failure routes) or the branch's copy (branch and reply routes).</summary>
    public SipRequest Request => _run.Request;

    /// <summary>The reply being processed (reply route) or the winning negative final reply (failure route).</summary>
    public SipResponse? Reply => _run.Reply;

    /// <summary>False for a request that belongs to no transaction (an ACK of a 2xx, RFC 3261 17): only t_relay applies, statelessly.</summary>
    public bool HasTransaction => _run.Core is not null;

    /// <summary>
    /// The Route entry naming this proxy that the request arrived with (RFC 3261 16.4; taken off before the request route
    /// for a request with a transaction): a parameter this proxy put in its Record-Route (a dialog cookie) is read here.
    /// </summary>
    public NameAddress? OwnRoute => _run.OwnRoute;

    public TmSettings Settings => _run.Proxy.Settings;

    /// <summary>Kamailio's <c>uri==myself</c>: the URI names an address and port this node listens on.</summary>
    public bool IsMyself(AnyUri uri) => LocalAddresses.IsLocal(_run.Proxy.Transport, uri);

    public RoutingSettings Routing => _routing.Settings;

    /// <summary>
    /// A Via of the request names this node: this node relayed it before and it came back, a spiral (RFC 3261 16.3
    /// step 4: one with an unchanged Request-URI and Route is a loop and gets 482 instead).
    /// </summary>
    public bool CameThroughMyself()
    {
        foreach (var via in Request.Vias)
        {
            if (LocalAddresses.IsLocal(_run.Proxy.Transport, via.Host, via.Port))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>$T_branch_idx</c>: the 1-based index of the branch in a branch route; 0 in every other route.</summary>
    public int TBranchIdx => Kind == RouteKind.Branch ? _run.Branch?.Index ?? 0 : 0;

    /// <summary>The 1-based index of the branch this route concerns (branch, reply and failure routes); 0 in the request route.</summary>
    public int BranchIndex => _run.Branch?.Index ?? 0;

    /// <summary>
    /// <c>$T_reply_code</c>: last reply sent statefully (request route), the current reply (reply route), the negative
    /// final reply (failure route); 0 when there is none.
    /// </summary>
    public int TReplyCode => Kind is RouteKind.Reply or RouteKind.Failure ? Reply?.StatusCode ?? 0 : _run.Core?.Script.LastReplyCode ?? 0;

    /// <summary>The transaction's AVPs (values read by fr_timer_avp / fr_inv_timer_avp and tw_append).</summary>
    /// <remarks>With onreply_avp_mode 0 a reply route gets its own empty list, discarded when the route ends; so does a request with no transaction.</remarks>
    public IDictionary<string, string> Avps =>
        _run.Core is { } core && !(Kind == RouteKind.Reply && Settings.OnReplyAvpMode == 0)
            ? core.Script.Avps
            : _ownAvps ??= new Dictionary<string, string>();

    private ProxyCore Core =>
        _run.Core ?? throw new InvalidOperationException($"{Request.Method} {Request.CallId} has no transaction: only t_relay applies.");

    /// <summary><c>t_newtran()</c>: the transaction exists from the first message on; true unless the request has none.</summary>
    public bool TNewTran()
    {
        if (_run.Core is not { } core)
        {
            return false;
        }

        core.CommitFlags(_run);
        return true;
    }

    /// <summary><c>t_relay([flags])</c>: relay statefully to the current Request-URI and the appended branches (statelessly without a transaction).</summary>
    public bool TRelay(RelayFlags flags = RelayFlags.None)
    {
        if (_run.Core is null)
        {
            _run.Proxy.RelayStateless(Request);
            return true;
        }

        return Allowed(RouteKind.Request, RouteKind.Failure) && Core.Relay(_run, null, flags);
    }

    /// <summary><c>t_relay(proto:host:port, [flags])</c>: relay statefully to an explicit destination "[proto:]host[:port]".</summary>
    public bool TRelay(string destination, RelayFlags flags = RelayFlags.None) => TRelay(ProxyDestinations.Parse(destination), flags);

    /// <summary><c>t_relay(proto:host:port, [flags])</c> with the destination as a SIP URI (transport parameter = proto).</summary>
    public bool TRelay(SipUri destination, RelayFlags flags = RelayFlags.None) =>
        Allowed(RouteKind.Request, RouteKind.Failure) && Core.Relay(_run, destination, flags);

    /// <summary>
    /// t_relay to <paramref name="target"/> along <paramref name="routeSet"/>: the Request-URI becomes the target and the
    /// Route headers the route set (RFC 3261 12.2.1.1: a dialog's remote target and route set), then the request is
    /// relayed as by <see cref="TRelay(RelayFlags)"/>; statelessly for a request with no transaction.
    /// </summary>
    public bool TRelay(AnyUri target, IEnumerable<NameAddress> routeSet, RelayFlags flags = RelayFlags.None)
    {
        Allowed(RouteKind.Request, RouteKind.Failure);
        var request = Request;
        while (request.RemoveTopRoute() is not null)
        {
        }

        foreach (var route in routeSet)
        {
            request.AppendRoute(route);
        }

        request.RequestUri = target;
        return TRelay(flags);
    }

    /// <summary>
    /// Registers <paramref name="callbacks"/> on the current transaction (the tm module's tm callbacks): they follow it
    /// from now on, in every later route run and until it ends (see <see cref="ITransactionCallbacks"/>).
    /// </summary>
    public void OnTransaction(ITransactionCallbacks callbacks) => Core.Script.Callbacks.Add(callbacks);

    /// <summary><c>t_reply(code, reason)</c>: a stateful reply; false for a request with no transaction (an ACK is never answered).</summary>
    public bool TReply(int code, string reason) =>
        _run.Core is not null && Allowed(RouteKind.Request, RouteKind.Failure) && Core.Reply(_run, code, reason);

    /// <summary><c>t_replicate(uri, [flags])</c>: send a copy of the request to another destination; its replies go nowhere.</summary>
    public bool TReplicate(string uri, RelayFlags flags = RelayFlags.None) => Allowed(RouteKind.Request) && Core.Replicate(_run, AnyUri.Parse(uri), flags);

    /// <summary><c>t_release()</c>: end the transaction (after wt_timer, absorbing late messages).</summary>
    public void TRelease() => Core.Release();

    /// <summary><c>t_check_status(re)</c>: does the regular expression match the reply code (see <see cref="TReplyCode"/>)?</summary>
    public bool TCheckStatus(string regex) => Regex.IsMatch(TReplyCode.ToString(System.Globalization.CultureInfo.InvariantCulture), regex);

    /// <summary><c>t_flush_flags()</c>: store the message flags set since the transaction was created into it.</summary>
    public void TFlushFlags() => Core.CommitFlags(_run);

    /// <summary><c>t_local_replied("all"|"last")</c>: were all / the last replies sent generated locally?</summary>
    public bool TLocalReplied(string which) => which switch
    {
        "all" => Core.Script.AllRepliesLocal,
        "last" => Core.Script.LastReplyLocal,
        _ => throw new ArgumentException("t_local_replied takes \"all\" or \"last\".", nameof(which)),
    };

    /// <summary>
    /// <c>t_check_trans()</c>: true for a CANCEL whose INVITE transaction exists (t_relay then answers it and cancels
    /// the INVITE's branches); false otherwise, as retransmissions and ACKs of a transaction never reach the routes.
    /// </summary>
    public bool TCheckTrans() => _run.Core?.HasCancelledInvite ?? false;

    /// <summary><c>t_was_cancelled()</c>: the INVITE transaction was CANCELled by the UAC.</summary>
    public bool TWasCancelled() => _run.Core?.Cancelled ?? false;

    /// <summary><c>t_on_failure(route)</c>: arm the failure route (the last call wins).</summary>
    public void TOnFailure(string route) => Core.Script.FailureRoute = route;

    /// <summary><c>t_on_reply(route)</c>: arm the reply route.</summary>
    public void TOnReply(string route) => Core.Script.ReplyRoute = route;

    /// <summary><c>t_on_branch(route)</c>: arm the branch route.</summary>
    public void TOnBranch(string route) => Core.Script.BranchRoute = route;

    /// <summary><c>t_write_fifo(info, fifo)</c>: append the request (and tw_append data) to a FIFO or file, asynchronously.</summary>
    public bool TWriteFifo(string info, string fifo) => TransactionWriter.WriteFifo(Format(info), fifo, _run.Proxy.Faults);

    /// <summary><c>t_write_unix(info, sock)</c>: send the request (and tw_append data) to a Unix datagram socket, asynchronously.</summary>
    public bool TWriteUnix(string info, string socket) => TransactionWriter.WriteUnix(Format(info), socket, Settings.UnixTxTimeout, _run.Proxy.Faults);

    /// <summary>Per-transaction fr_timer (as <c>t_set_fr</c>): used by the branches relayed after this call.</summary>
    public void SetFrTimer(TimeSpan value) => Core.Script.FrTimerOverride = value;

    /// <summary>Per-transaction fr_inv_timer (as <c>t_set_fr</c>): used by the branches relayed after this call.</summary>
    public void SetFrInvTimer(TimeSpan value) => Core.Script.FrInvTimerOverride = value;

    /// <summary><c>setflag</c>: a message/transaction flag, seen in every route of the transaction.</summary>
    public void SetFlag(int flag) => _run.MessageFlags |= Bit(flag);

    public void ResetFlag(int flag) => _run.MessageFlags &= ~Bit(flag);

    public bool IsFlagSet(int flag) => (_run.MessageFlags & Bit(flag)) != 0;

    /// <summary><c>setbflag</c>: a flag of the current branch (the Request-URI branch in request and failure routes).</summary>
    public void SetBFlag(int flag) => _run.BranchFlags |= Bit(flag);

    public void ResetBFlag(int flag) => _run.BranchFlags &= ~Bit(flag);

    public bool IsBFlagSet(int flag) => (_run.BranchFlags & Bit(flag)) != 0;

    /// <summary><c>setsflag</c>: a script flag, gone when this route run ends.</summary>
    public void SetSFlag(int flag) => _scriptFlags |= Bit(flag);

    public void ResetSFlag(int flag) => _scriptFlags &= ~Bit(flag);

    public bool IsSFlagSet(int flag) => (_scriptFlags & Bit(flag)) != 0;

    /// <summary><c>append_branch([uri])</c>: add a branch (the current Request-URI by default) with the current branch flags.</summary>
    public void AppendBranch(string? uri = null) => Core.AppendBranch(uri is null ? Request.RequestUri : AnyUri.Parse(uri), _run.BranchFlags, []);

    /// <summary>
    /// append_branch of a registered contact reached along its <paramref name="path"/> (RFC 3327 5.3, as lookup() does):
    /// the branch carries the Path values as Route headers above any others. With a <paramref name="destination"/>
    /// (the branch's own $du) it is sent there rather than by its URI: a contact reached over its WebSocket connection.
    /// </summary>
    public void AppendBranch(string uri, IEnumerable<string> path, SipUri? destination = null) =>
        Core.AppendBranch(AnyUri.Parse(uri), _run.BranchFlags, path.Select(NameAddress.Parse).ToList(), destination);

    /// <summary><c>$du = destination</c>: the next t_relay sends the Request-URI's branch there instead of resolving the Request-URI.</summary>
    public void SetDestination(SipUri destination) => Core.Script.DestinationUri = destination;

    /// <summary><c>seturi(uri)</c>: rewrite the Request-URI; a Path set with the previous target no longer applies.</summary>
    public void SetUri(string uri) => SetUri(uri, []);

    /// <summary>The Request-URI becomes a registered contact reached along its <paramref name="path"/> (RFC 3327 5.3).</summary>
    public void SetUri(string uri, IEnumerable<string> path)
    {
        Request.RequestUri = AnyUri.Parse(uri);
        if (_run.Core is { } core)
        {
            core.Script.RequestUriPath = path.Select(NameAddress.Parse).ToList();
        }
    }

    /// <summary><c>record_route()</c>: put this proxy in the route set of the dialog (RFC 3261 16.6 step 4).</summary>
    public void RecordRoute() => Core.AddRecordRoute(Request);

    /// <summary>
    /// <c>add_rr_param(";name=value")</c> of the rr module: a URI parameter of the Record-Route this proxy adds, now or
    /// later in the transaction (a dialog's cookie, read back from <see cref="OwnRoute"/> on in-dialog requests).
    /// </summary>
    public void AddRecordRouteParameter(string name, string value) => Core.Script.RecordRouteParameters.Add(new SipParameter(name, value));

    /// <summary><c>drop</c>: in a branch route, do not send this branch; in a reply route, do not relay this 1xx.</summary>
    public void Drop() => _run.Dropped = true;

    private static ulong Bit(int flag) =>
        flag is >= 0 and < 64 ? 1UL << flag : throw new ArgumentOutOfRangeException(nameof(flag), "Flags are numbered 0 to 63.");

    private bool Allowed(params ReadOnlySpan<RouteKind> kinds) =>
        kinds.Contains(Kind) ? true : throw new InvalidOperationException($"This function cannot be used in a {Kind} route.");

    private string Format(string info) => TwAppendFormatter.Format(info, this, _routing.TwAppend);
}
