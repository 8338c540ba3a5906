using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The stateful proxy of RFC 3261 16 as the user of one server transaction (the tm module's cell above its state
/// machine). Split as the module splits tm: this file holds the entry points and the routes' calls into the cell;
/// <c>ProxyCore.Forward.cs</c> the branches (t_fwd: forking, failover, Via, Record-Route), <c>ProxyCore.Reply.cs</c> the
/// responses, the choice of the final one and the failure route (t_reply), <c>ProxyCore.Cancel.cs</c> CANCEL (t_cancel);
/// what the routes keep between runs is a <see cref="ScriptState"/>. Lives inside the server transaction actor: every
/// method runs on that actor's thread.
/// </summary>
internal sealed partial class ProxyCore : IServerTransactionUser
{
    private readonly ServerTransaction _host;
    private readonly StatefulProxy _proxy;
    private readonly List<ProxyBranch> _branches = [];

    public ProxyCore(ServerTransaction host, StatefulProxy proxy)
    {
        _host = host;
        _proxy = proxy;
    }

    public ScriptState Script { get; } = new();

    public TransactionEnvironment Env => _host.Env;

    /// <summary>For a CANCEL: an INVITE transaction matched it (t_check_trans).</summary>
    public bool HasCancelledInvite => _host.CancelledInvite is not null;

    public bool Idle => !_branches.Exists(b => b.Pending) && _suspended == 0;

    private bool IsInvite => _host.Request.Method == SipMethods.Invite;

    /// <summary>Runs the request route for the new transaction; the transaction is released when the route neither relayed nor replied.</summary>
    public void OnRequest()
    {
        var ownRoute = RouteSet.PreProcess(_host.Request, Env.Transport);
        _receivedUri = _host.Request.RequestUri;
        _proxy.Routes.OnRequest(new RouteRun(_proxy, this, RouteKind.Request, _host.Request) { OwnRoute = ownRoute });
        if (!_host.FinalSent && _host.CancelledInvite is not null)
        {
            CancelMatchedInvite(); // 16.10 is a MUST: done even when the script did not relay the CANCEL
        }

        ReleaseIfUnrouted();
    }

    public bool OnMessage(object message)
    {
        switch (message)
        {
            case BranchResolved resolved:
                OnResolved(resolved);
                return true;
            case RouteResumed resumed:
                OnResumed(resumed);
                return true;
            default:
                return false;
        }
    }

    public void OnResponseSent(SipResponse response, bool local)
    {
        Script.OnReplySent(response.StatusCode, local);
        Script.Callbacks.ResponseSent(response, local);
    }

    public void OnAck(SipRequest ack) => Script.Callbacks.Ack(ack);

    public void OnEnded() => Script.Callbacks.Ended();

    /// <summary>t_newtran / t_flush_flags: the run's message flags become the transaction's.</summary>
    public void CommitFlags(RouteRun run) => Script.Commit(run);

    public void AppendBranch(AnyUri uri, ulong branchFlags, IReadOnlyList<NameAddress> path, SipUri? destination = null) =>
        Script.DestinationSet.Add(new BranchTarget(uri, branchFlags, path, destination));

    public void Release() => _host.Release();

    /// <summary>t_reply: a stateful reply; false once a final response went.</summary>
    public bool Reply(RouteRun run, int code, string reason)
    {
        CommitRequestFlags(run);
        if (_host.FinalSent)
        {
            return false;
        }

        _host.SendResponse(_host.CreateLocalResponse(code, reason), local: true);
        return true;
    }

    /// <summary>The first t_relay or t_reply of the request route stores its flags into the transaction, as t_newtran would.</summary>
    private void CommitRequestFlags(RouteRun run)
    {
        if (run.Kind == RouteKind.Request && !Script.FlagsCommitted)
        {
            Script.Commit(run);
        }
    }

    /// <summary>A request route that neither relayed, replied nor suspended releases the transaction.</summary>
    private void ReleaseIfUnrouted()
    {
        if (!_host.FinalSent && !_branches.Exists(b => !b.Replica) && _suspended == 0)
        {
            _host.Release();
        }
    }

    private RouteRun Run(RouteKind kind, SipRequest request, SipResponse? reply, ProxyBranch? branch, ulong branchFlags) =>
        new(_proxy, this, kind, request, reply, branch, branchFlags);
}
