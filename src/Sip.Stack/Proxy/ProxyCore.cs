using System.Globalization;
using Akka.Actor;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The stateful proxy of RFC 3261 16 as the transaction user of one server transaction (the tm module's transaction
/// cell): runs the routes, forks to branches (one client transaction each), fails over between the addresses of a
/// target, collects responses, picks the best (16.7), runs the failure route, and handles CANCEL (16.10).
/// Lives inside the server transaction actor: every method runs on that actor's thread.
/// </summary>
internal sealed class ProxyCore
{
    private readonly ServerTransaction _host;
    private readonly List<ProxyBranch> _branches = [];

    /// <summary>Timed-out INVITE branches that rang and were dropped without CANCEL (noisy_ctimer = 0, not forked).</summary>
    private readonly List<ClientTransaction> _ringingWithoutCancel = [];
    private readonly List<(AnyUri Uri, ulong Flags)> _destinationSet = [];
    private readonly string _unique = SipIds.NewTag();
    private string? _loopHash;
    private bool _flagsCommitted;
    private bool _relaying;

    public ProxyCore(ServerTransaction host, TransactionEnvironment env)
    {
        _host = host;
        Env = env;
    }

    public TransactionEnvironment Env { get; }

    public TwAppendSpec TwAppend => Env.TwAppend;

    public ulong Flags { get; private set; }

    public string? FailureRoute { get; set; }

    public string? ReplyRoute { get; set; }

    public string? BranchRoute { get; set; }

    public TimeSpan? FrTimerOverride { get; set; }

    public TimeSpan? FrInvTimerOverride { get; set; }

    public Dictionary<string, string> Avps { get; } = new(StringComparer.Ordinal);

    public bool Cancelled { get; private set; }

    public bool HasCancelledInvite => _host.CancelledInvite is not null;

    /// <summary>No branch waits for anything (a response, a resolution): nothing will reach the transaction for it.</summary>
    public bool Idle => !_branches.Exists(b => b.Pending);

    public int LastReplyCode { get; private set; }

    public bool LastReplyLocal { get; private set; }

    public bool AllRepliesLocal { get; private set; } = true;

    private bool IsInvite => _host.Request.Method == SipMethods.Invite;

    /// <summary>Runs the request route for the new transaction; the transaction is released when the route neither relayed nor replied.</summary>
    public void RunRequestRoute()
    {
        var context = new RouteContext(this, RouteKind.Request, _host.Request, null, null, 0);
        RunScript(() => Env.Script.OnRequest(context));
        if (!_host.FinalSent && _host.CancelledInvite is not null)
        {
            CancelMatchedInvite(); // 16.10 is a MUST: done even when the script did not relay the CANCEL
        }

        if (!_host.FinalSent && !_branches.Exists(b => !b.Replica))
        {
            _host.Release();
        }
    }

    public bool CommitFlags(RouteContext context)
    {
        Flags = context.MessageFlags;
        _flagsCommitted = true;
        return true;
    }

    public void AppendBranch(AnyUri uri, ulong branchFlags) => _destinationSet.Add((uri, branchFlags));

    public void AddRecordRoute(SipRequest request)
    {
        var local = LocalAddresses.Advertised(Env.Transport, _host.Inbound.Local);
        var parameters = new List<SipParameter> { new("lr", null) };
        if (local.Protocol == SipProtocol.Tcp)
        {
            parameters.Insert(0, new SipParameter("transport", "tcp"));
        }

        var uri = new SipUri(local.Address.Address.ToString(), local.Address.Port, parameters: new SipParameters(parameters));
        request.AddRecordRoute(new NameAddress(uri));
    }

    public void Release() => _host.Release();

    public bool Reply(RouteContext context, int code, string reason)
    {
        if (context.Kind == RouteKind.Request && !_flagsCommitted)
        {
            CommitFlags(context);
        }

        if (_host.FinalSent)
        {
            return false;
        }

        _host.SendResponse(_host.CreateLocalResponse(code, reason), local: true);
        return true;
    }

    /// <summary>t_relay: one new branch per target (the Request-URI and the appended branches).</summary>
    public bool Relay(RouteContext context, SipUri? destination, RelayFlags flags)
    {
        if (context.Kind == RouteKind.Request && !_flagsCommitted)
        {
            CommitFlags(context);
        }

        if (_host.FinalSent || Cancelled)
        {
            return false; // RFC 3261 16.10: no new branches once the request was cancelled
        }

        if (_host.CancelledInvite is not null)
        {
            CancelMatchedInvite();
            return true;
        }

        var request = context.Request;
        if (context.Kind == RouteKind.Request && !CheckForwardable(request, flags))
        {
            return false;
        }

        var targets = new List<(AnyUri Uri, ulong Flags)>();
        var includeRuri = context.Kind == RouteKind.Request || context.UriChanged || destination is not null || _destinationSet.Count == 0;
        if (includeRuri)
        {
            targets.Add((request.RequestUri, context.BranchFlags));
        }

        foreach (var target in _destinationSet)
        {
            if (!targets.Exists(t => t.Uri.Equals(target.Uri)))
            {
                targets.Add(target);
            }
        }

        _destinationSet.Clear();
        if (IsInvite && context.Kind == RouteKind.Request && (flags & RelayFlags.NoTrying) == 0 && !_host.ProvisionalSent)
        {
            _host.SendResponse(_host.CreateLocalResponse(100, null), local: true);
        }

        // A branch may end at once (nothing to resolve): the outcome is judged once all branches exist.
        var started = 0;
        _relaying = true;
        try
        {
            foreach (var (uri, branchFlags) in targets)
            {
                if (StartBranch(request, uri, destination, flags, branchFlags, replica: false))
                {
                    started++;
                }
            }
        }
        finally
        {
            _relaying = false;
        }

        if (started > 0)
        {
            CheckAllDone();
        }

        return started > 0;
    }

    public bool Replicate(RouteContext context, AnyUri uri, RelayFlags flags) =>
        StartBranch(context.Request, uri, null, flags & RelayFlags.NoFailover, context.BranchFlags, replica: true);

    /// <summary>RFC 3261 16.10: CANCEL every pending branch; the branches' 487s make the final response.</summary>
    public void Cancel()
    {
        Cancelled = true;
        if (!_branches.Exists(b => b.Pending && !b.Replica))
        {
            _host.SendResponse(_host.CreateLocalResponse(487, null), local: true); // nothing relayed yet: 487 here
            return;
        }

        CancelPending(except: null);
    }

    /// <summary>RFC 3261 16.10: a CANCEL matching an INVITE transaction is answered 200 here and cancels that INVITE's branches.</summary>
    private void CancelMatchedInvite()
    {
        // Told before the 200 goes out: whatever reaches the INVITE transaction after the caller saw the 200 finds it cancelled.
        _host.CancelledInvite!.Tell(new CancelInvite(_host.Request));
        _host.SendResponse(_host.CreateLocalResponse(200, null), local: true);
    }

    public void OnResolved(BranchResolved message)
    {
        var branch = _branches[message.BranchIndex - 1];
        if (branch.CancelRequested)
        {
            Complete(branch, _host.CreateLocalResponse(487, null), local: true); // cancelled before it was sent
            CheckAllDone();
            return;
        }

        branch.Destinations = message.Destinations;
        Attempt(branch);
    }

    public void OnClientResponse(ClientTransaction client, SipResponse response)
    {
        var branch = Branch(client, pendingOnly: false);
        if (branch is null)
        {
            return;
        }

        if (!branch.Pending)
        {
            if (response.IsSuccess && !branch.Replica && IsInvite)
            {
                Forward(response); // a late 2xx (after our timeout) still goes upstream, 16.7 step 5
            }

            return;
        }

        if (branch.Replica)
        {
            branch.Pending &= response.IsProvisional;
            return;
        }

        var dropped = false;
        if (ReplyRoute is { } route)
        {
            var context = new RouteContext(this, RouteKind.Reply, branch.Request, response, branch, branch.BranchFlags);
            RunScript(() => Env.Script.OnReply(route, context));
            branch.BranchFlags = context.BranchFlags;
            Flags = context.MessageFlags;
            dropped = context.Dropped && response.IsProvisional;
        }

        if (response.IsProvisional)
        {
            if (response.StatusCode > 100 && !dropped && !_host.FinalSent)
            {
                Forward(response); // 16.7 step 5: provisional responses but 100 go upstream at once
            }

            return;
        }

        if (response.IsSuccess)
        {
            Complete(branch, response, local: false);
            Forward(response); // 16.7 step 5: every 2xx to an INVITE is forwarded, even after another final
            if (IsInvite)
            {
                CancelPending(except: branch); // 16.7 step 10
            }

            return;
        }

        if (response.StatusCode == 503 && branch.CanFailOver)
        {
            FailOver(branch);
            return;
        }

        Complete(branch, response, local: false);
        if (response.StatusCode >= 600 && IsInvite)
        {
            CancelPending(except: branch); // 16.7 step 5: a 6xx cancels the other branches
        }

        CheckAllDone();
    }

    public void OnClientTimeout(ClientTransaction client, bool hadProvisional)
    {
        var branch = Branch(client);
        if (branch is null)
        {
            return;
        }

        if (!hadProvisional && branch.CanFailOver)
        {
            FailOver(branch);
            return;
        }

        // tm noisy_ctimer: an INVITE branch that timed out after a provisional reply is CANCELled only when the
        // parameter is on or the request was forked; otherwise it is just dropped, until a failure route forks
        // the call after all (forwarding on no answer): then the callee still ringing gets its CANCEL too.
        if (hadProvisional && IsInvite)
        {
            if (Env.Settings.NoisyCTimer || ForkedBranchCount() > 1)
            {
                client.Cancel();
            }
            else
            {
                _ringingWithoutCancel.Add(client);
            }
        }

        Complete(branch, _host.CreateLocalResponse(408, null), local: true);
        CheckAllDone();
    }

    /// <summary>The branch's request could not be sent, or its client transaction failed.</summary>
    public void OnTransportError(ClientTransaction client)
    {
        var branch = Branch(client);
        if (branch is null)
        {
            return;
        }

        if (branch.CanFailOver)
        {
            FailOver(branch);
            return;
        }

        Complete(branch, _host.CreateLocalResponse(503, null), local: true); // 16.9: a transport error is a 503
        CheckAllDone();
    }

    public void OnReplySent(int code, bool local)
    {
        LastReplyCode = code;
        LastReplyLocal = local;
        AllRepliesLocal &= local;
    }

    private bool CheckForwardable(SipRequest request, RelayFlags flags)
    {
        var error = request.MaxForwards == 0 ? 483 : 0; // 16.3 step 3
        if (error == 0)
        {
            _loopHash ??= BranchIds.LoopHash(request);
            if (BranchIds.IsLooped(request, _loopHash, Env.Transport))
            {
                error = 482; // 16.3 step 4
            }
        }

        if (error != 0 && (flags & RelayFlags.NoNegativeReply) == 0)
        {
            _host.SendResponse(_host.CreateLocalResponse(error, null), local: true);
        }

        return error == 0;
    }

    private bool StartBranch(SipRequest request, AnyUri uri, SipUri? destination, RelayFlags flags, ulong branchFlags, bool replica)
    {
        if (!replica)
        {
            _ringingWithoutCancel.ForEach(ringing => ringing.Cancel());
            _ringingWithoutCancel.Clear();
        }

        var copy = request.Clone();
        copy.RequestUri = uri;
        copy.DecrementMaxForwards();
        var branch = new ProxyBranch(_branches.Count + 1, copy, flags, branchFlags, replica);
        if (BranchRoute is { } route && !replica)
        {
            var context = new RouteContext(this, RouteKind.Branch, copy, null, branch, branchFlags);
            RunScript(() => Env.Script.OnBranch(route, context));
            if (context.Dropped)
            {
                return false;
            }

            branch.BranchFlags = context.BranchFlags;
            Flags = context.MessageFlags;
        }

        _branches.Add(branch);
        var next = destination ?? RouteSet.NextHop(copy) as SipUri;
        if (next is null)
        {
            Complete(branch, _host.CreateLocalResponse(416, null), local: true);
            return true;
        }

        var resolving = Env.Resolver.ResolveAsync(next);
        if (resolving.IsCompletedSuccessfully)
        {
            branch.Destinations = resolving.Result;
            Attempt(branch);
        }
        else
        {
            var index = branch.Index;
            resolving.AsTask().PipeTo(
                _host.Self,
                success: list => new BranchResolved(index, list),
                failure: _ => new BranchResolved(index, []));
        }

        return true;
    }

    private void Attempt(ProxyBranch branch)
    {
        if (branch.DestinationIndex >= branch.Destinations.Count)
        {
            Complete(branch, _host.CreateLocalResponse(503, "Unresolvable destination"), local: true);
            CheckAllDone();
            return;
        }

        var destination = branch.Destinations[branch.DestinationIndex];
        var local = Env.Transport.GetLocalEndPoint(destination.Protocol);
        _loopHash ??= BranchIds.LoopHash(_host.Request);
        var unique = Env.Settings.SynBranch
            ? string.Concat(_unique, branch.Index.ToString(CultureInfo.InvariantCulture), "x", branch.Attempt.ToString(CultureInfo.InvariantCulture))
            : SipIds.NewBranch()[ViaHeader.MagicCookie.Length..];
        branch.Attempt++;
        var request = branch.Request.Clone();

        var via = new ViaHeader(
            destination.ViaTransport,
            local.Address.Address.ToString(),
            local.Address.Port,
            new SipParameters([new SipParameter("branch", BranchIds.Create(_loopHash, unique))]));
        request.PushVia(via);
        var start = new ClientTransactionStart(
            request,
            destination,
            branch.Index,
            FrTimerFor(),
            FrInvTimerFor());
        branch.Client = _host.StartClient(start);
    }

    private void FailOver(ProxyBranch branch)
    {
        branch.DestinationIndex++;
        Attempt(branch);
    }

    private void Complete(ProxyBranch branch, SipResponse response, bool local)
    {
        branch.Pending = false;
        branch.Final = response;
        branch.FinalIsLocal = local;
    }

    private void CheckAllDone()
    {
        if (_relaying || _host.FinalSent || _branches.Exists(b => b.Pending && !b.Replica))
        {
            return;
        }

        var best = BestResponse.Select(_branches);
        if (best is null)
        {
            return;
        }

        if (FailureRoute is { } route)
        {
            FailureRoute = null; // t_on_failure must be armed again to run again
            var request = _host.Request;
            request.RequestUri = _branches[0].Target; // the tm module: the R-URI of the first branch
            var context = new RouteContext(this, RouteKind.Failure, request, best.Final, best, best.BranchFlags);
            RunScript(() => Env.Script.OnFailure(route, context));
            Flags = context.MessageFlags;
            if (_host.FinalSent || _branches.Exists(b => b.Pending && !b.Replica))
            {
                return;
            }

            best = BestResponse.Select(_branches)!;
        }

        var code = best.Final!.StatusCode;
        if (best.FinalIsLocal)
        {
            var localCode = Cancelled && code == 408 ? 487 : code;
            _host.SendResponse(localCode == code ? best.Final : _host.CreateLocalResponse(localCode, null), local: true);
        }
        else if (code == 503)
        {
            _host.SendResponse(_host.CreateLocalResponse(500, null), local: true); // 16.7 step 6: 503 becomes 500 upstream
        }
        else
        {
            if (code is 401 or 407)
            {
                AddChallenges(best);
            }

            Forward(best.Final);
        }
    }

    /// <summary>16.7 step 7: a 401/407 going upstream carries the challenges of every branch that answered 401/407.</summary>
    private void AddChallenges(ProxyBranch best)
    {
        foreach (var branch in _branches)
        {
            if (branch == best || branch.Replica || branch.FinalIsLocal || branch.Final?.StatusCode is not (401 or 407))
            {
                continue;
            }

            foreach (var name in (ReadOnlySpan<string>)[HeaderNames.WwwAuthenticate, HeaderNames.ProxyAuthenticate])
            {
                foreach (var value in branch.Final.Headers.GetAll(name))
                {
                    best.Final!.Headers.Add(name, value);
                }
            }
        }
    }

    private void Forward(SipResponse response)
    {
        response.PopVia(); // 16.7 step 3
        _host.SendResponse(response, local: false);
    }

    private void CancelPending(ProxyBranch? except)
    {
        foreach (var branch in _branches)
        {
            if (branch.Pending && !branch.Replica && branch != except && !branch.CancelRequested)
            {
                branch.CancelRequested = true;
                branch.Client?.Cancel(); // no client yet: still resolving, see OnResolved
            }
        }
    }

    /// <summary>The branch a client transaction reports for; null for reports of a superseded attempt.</summary>
    private ProxyBranch? Branch(ClientTransaction client, bool pendingOnly = true)
    {
        var index = client.BranchIndex;
        if (index < 1 || index > _branches.Count)
        {
            return null;
        }

        var branch = _branches[index - 1];
        return (branch.Pending || !pendingOnly) && branch.Client == client ? branch : null;
    }

    private int ForkedBranchCount() => _branches.Count(b => !b.Replica);

    private TimeSpan FrTimerFor() => FrTimerOverride ?? AvpSeconds(Env.Settings.FrTimerAvp) ?? Env.Settings.FrTimer;

    private TimeSpan FrInvTimerFor() => FrInvTimerOverride ?? AvpSeconds(Env.Settings.FrInvTimerAvp) ?? Env.Settings.FrInvTimer;

    private TimeSpan? AvpSeconds(string name) =>
        name.Length > 0 && Avps.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;

    private void RunScript(Action route)
    {
        try
        {
            route();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _host.OnScriptError(e);
        }
    }
}
