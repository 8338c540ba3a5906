using Akka.Actor;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>CANCEL (the tm module's t_cancel, RFC 3261 16.10), and the CANCEL of a branch that timed out while ringing.</summary>
internal sealed partial class ProxyCore
{
    /// <summary>Timed-out INVITE branches that rang and were dropped without CANCEL (noisy_ctimer = 0, not forked).</summary>
    private readonly List<ClientTransaction> _ringingWithoutCancel = [];

    /// <summary>t_was_cancelled: the caller CANCELled the INVITE.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>RFC 3261 16.10: CANCEL every pending branch; the branches' 487s make the final response.</summary>
    public void OnCancel()
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

    /// <summary>
    /// tm noisy_ctimer: an INVITE branch that timed out after a provisional reply is CANCELled only when the parameter
    /// is on or the request was forked; otherwise it is just dropped, until a failure route forks the call after all
    /// (forwarding on no answer): then the callee still ringing gets its CANCEL too.
    /// </summary>
    private void OnRingingTimedOut(ClientTransaction client)
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

    private void CancelRingingWithoutCancel()
    {
        _ringingWithoutCancel.ForEach(ringing => ringing.Cancel());
        _ringingWithoutCancel.Clear();
    }
}
