using System.Globalization;
using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>The branches (the tm module's t_fwd): request checks, forking, resolution, failover, Via and Record-Route.</summary>
internal sealed partial class ProxyCore
{
    private readonly string _unique = SipIds.NewTag();
    private string? _loopHash;

    // The Request-URI the request route began with: a script that rewrites it to a URI of this node makes a spiral,
    // which the loop hash must tell from a loop (RFC 3261 16.6 step 8 hashes the Request-URI before translation).
    private AnyUri? _receivedUri;
    private bool _relaying;
    private bool _recordRouted;

    /// <summary>record_route: this proxy's advertised address for the listener the request came in on (RFC 3261 16.6 step 4), with the node's Record-Route parameters.</summary>
    public void AddRecordRoute(SipRequest request)
    {
        request.AddRecordRoute(RecordRouteFor(LocalAddresses.Advertised(Env.Transport, _host.Inbound.Local)));
        _recordRouted = true;
    }

    /// <summary>
    /// A branch leaving by another listener than the request came in on (e.g. UDP in, TLS out) gets a second
    /// Record-Route for that listener above the first, so each side reaches this proxy over its own transport (RFC 5658 4).
    /// </summary>
    private void AddOutboundRecordRoute(SipRequest request, SipEndPoint outbound)
    {
        var inbound = LocalAddresses.Advertised(Env.Transport, _host.Inbound.Local);
        if (_recordRouted && !inbound.Equals(outbound))
        {
            request.AddRecordRoute(RecordRouteFor(outbound));
        }
    }

    private NameAddress RecordRouteFor(SipEndPoint local)
    {
        var parameters = new List<SipParameter> { new("lr", null) };
        if (local.Protocol != SipProtocol.Udp)
        {
            parameters.Insert(0, new SipParameter("transport", local.UriTransport));
        }

        parameters.AddRange(_proxy.RecordRouteParameters);
        parameters.AddRange(Script.RecordRouteParameters);
        return new NameAddress(new SipUri(local.Address.Address.ToString(), local.Address.Port, parameters: new SipParameters(parameters)));
    }

    /// <summary>t_relay: one new branch per target (the Request-URI and the appended branches).</summary>
    public bool Relay(RouteRun run, SipUri? destination, RelayFlags flags)
    {
        CommitRequestFlags(run);
        if (_host.FinalSent || Cancelled)
        {
            return false; // RFC 3261 16.10: no new branches once the request was cancelled
        }

        if (_host.CancelledInvite is not null)
        {
            CancelMatchedInvite();
            return true;
        }

        var request = run.Request;
        if (run.Kind == RouteKind.Request && !CheckForwardable(request, flags))
        {
            return false;
        }

        var destinationSet = Script.DestinationSet;
        var targets = new List<BranchTarget>();
        if (run.Kind == RouteKind.Request || run.UriChanged || destination is not null || destinationSet.Count == 0)
        {
            targets.Add(new BranchTarget(request.RequestUri, run.BranchFlags, Script.RequestUriPath, Script.DestinationUri));
        }

        foreach (var target in destinationSet)
        {
            if (!targets.Exists(t => t.Uri.Equals(target.Uri)))
            {
                targets.Add(target);
            }
        }

        destinationSet.Clear();
        Script.DestinationUri = null;
        if (IsInvite && run.Kind == RouteKind.Request && (flags & RelayFlags.NoTrying) == 0 && !_host.ProvisionalSent)
        {
            _host.SendResponse(_host.CreateLocalResponse(100, null), local: true);
        }

        // A branch may end at once (nothing to resolve): the outcome is judged once all branches exist.
        var started = 0;
        _relaying = true;
        try
        {
            foreach (var (uri, branchFlags, path, own) in targets)
            {
                if (StartBranch(run, uri, path, destination ?? own, flags, branchFlags, replica: false))
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

    /// <summary>t_replicate: a copy of the request to <paramref name="uri"/>, whose replies go nowhere.</summary>
    public bool Replicate(RouteRun run, AnyUri uri, RelayFlags flags) =>
        StartBranch(run, uri, [], null, flags & RelayFlags.NoFailover, run.BranchFlags, replica: true);

    private bool CheckForwardable(SipRequest request, RelayFlags flags)
    {
        var error = request.MaxForwards == 0 ? 483 : 0; // 16.3 step 3
        if (error == 0)
        {
            _loopHash ??= BranchIds.LoopHash(request, _receivedUri);
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

    private bool StartBranch(RouteRun run, AnyUri uri, IReadOnlyList<NameAddress> path, SipUri? destination, RelayFlags flags, ulong branchFlags, bool replica)
    {
        if (!replica)
        {
            CancelRingingWithoutCancel();
        }

        var copy = run.Request.Clone();
        copy.RequestUri = uri;
        copy.PrependRoutes(path);
        copy.DecrementMaxForwards();
        var branch = new ProxyBranch(_branches.Count + 1, copy, flags, branchFlags, replica);
        if (Script.BranchRoute is { } route && !replica)
        {
            var branchRun = Run(RouteKind.Branch, copy, null, branch, branchFlags);
            _proxy.Routes.OnBranch(route, branchRun);
            if (branchRun.Dropped)
            {
                return false;
            }

            branch.BranchFlags = branchRun.BranchFlags;
            Script.Flags = branchRun.MessageFlags;
        }

        _branches.Add(branch);
        var next = destination ?? RouteSet.NextHop(copy) as SipUri;
        if (next is null)
        {
            Complete(branch, _host.CreateLocalResponse(416, null), local: true);
            return true;
        }

        var resolving = _proxy.Resolver.ResolveAsync(next);
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
                failure: e => new BranchResolved(index, [], e));
        }

        return true;
    }

    /// <summary>Sends the branch to its next address; with none left it ends with a 503.</summary>
    private void Attempt(ProxyBranch branch)
    {
        if (branch.DestinationIndex >= branch.Destinations.Count)
        {
            Complete(branch, _host.CreateLocalResponse(503, "Unresolvable destination"), local: true);
            CheckAllDone();
            return;
        }

        var destination = branch.Destinations[branch.DestinationIndex];
        SipEndPoint local;
        try
        {
            local = Env.Transport.GetLocalEndPoint(destination.Protocol);
        }
        catch (InvalidOperationException e)
        {
            // The target named a transport this node does not listen on: that address cannot be used (a transport error).
            _host.Log.Warning("Branch {0} of {1} {2} cannot use {3}: {4}", branch.Index, _host.Request.Method, _host.Request.CallId, destination, e.Message);
            FailOverOrEnd(branch, _host.CreateLocalResponse(503, null));
            return;
        }

        _loopHash ??= BranchIds.LoopHash(_host.Request, _receivedUri);
        // A 12-character tag and two ints: the synonym branch is formatted in place, the id made in one string.
        Span<char> synonym = stackalloc char[48];
        var unique = Env.Settings.SynBranch && synonym.TryWrite(CultureInfo.InvariantCulture, $"{_unique}{branch.Index}x{branch.Attempt}", out var length)
            ? synonym[..length]
            : SipIds.NewBranch().AsSpan(ViaHeader.MagicCookie.Length);
        var id = BranchIds.Create(_loopHash, unique);
        branch.Attempt++;
        var request = branch.Request.Clone();

        request.PushVia(OurVia.Create(local, destination, id));
        AddOutboundRecordRoute(request, local);
        Script.Callbacks.RequestRelayed(branch.Index, request);
        var start = new ClientTransactionStart(request, destination, branch.Index, FrTimerFor(), FrInvTimerFor());
        branch.Client = _host.StartClient(start);
    }

    /// <summary>The branch's current address failed: the next one, else the branch ends with <paramref name="response"/> (local).</summary>
    private void FailOverOrEnd(ProxyBranch branch, SipResponse response)
    {
        if (branch.CanFailOver && !branch.CancelRequested)
        {
            branch.DestinationIndex++;
            Attempt(branch);
            return;
        }

        Complete(branch, response, local: true);
        CheckAllDone();
    }

    private int ForkedBranchCount() => _branches.Count(b => !b.Replica);

    private TimeSpan FrTimerFor() => Script.FrTimerOverride ?? AvpSeconds(Env.Settings.FrTimerAvp) ?? Env.Settings.FrTimer;

    private TimeSpan FrInvTimerFor() => Script.FrInvTimerOverride ?? AvpSeconds(Env.Settings.FrInvTimerAvp) ?? Env.Settings.FrInvTimer;

    private TimeSpan? AvpSeconds(string name) =>
        name.Length > 0 && Script.Avps.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;
}
