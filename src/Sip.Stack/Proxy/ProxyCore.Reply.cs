using Akka.Event;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The responses (the tm module's t_reply): every end of a branch arrives here as a response, received or faked
/// (408 timeout, 503 transport error); provisional and 2xx responses go upstream at once, and when every branch ended
/// the best final one is chosen (RFC 3261 16.7), after the failure route.
/// </summary>
internal sealed partial class ProxyCore
{
    public void OnBranchResponse(ClientTransaction client, SipResponse response, bool faked)
    {
        var branch = Branch(client, pendingOnly: faked);
        if (branch is null)
        {
            return;
        }

        Script.Callbacks.ResponseReceived(branch.Index, response, faked);
        if (!branch.Pending)
        {
            if (response.IsSuccess && !branch.Replica && IsInvite)
            {
                Forward(response); // a late 2xx (after our timeout) still goes upstream, 16.7 step 5
            }

            return;
        }

        if (branch.Replica && (response.IsProvisional || !FailsOver(branch, client, response, faked)))
        {
            branch.Pending = response.IsProvisional;
            return;
        }

        var dropped = !faked && !branch.Replica && RunReplyRoute(branch, response);
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

        if (FailsOver(branch, client, response, faked))
        {
            branch.DestinationIndex++;
            Attempt(branch);
            return;
        }

        if (faked && response.StatusCode == 408 && client.HadProvisional && IsInvite)
        {
            OnRingingTimedOut(client);
        }

        Complete(branch, response, local: faked);
        if (response.StatusCode >= 600 && IsInvite)
        {
            CancelPending(except: branch); // 16.7 step 5: a 6xx cancels the other branches
        }

        CheckAllDone();
    }

    private void OnResolved(BranchResolved message)
    {
        var branch = _branches[message.BranchIndex - 1];
        if (message.Error is { } error)
        {
            _host.Log.Warning("Resolving branch {0} of {1} {2} failed: {3}", branch.Index, _host.Request.Method, _host.Request.CallId, error.Message);
        }

        // Cancelled before it was sent: the branch itself, or the INVITE (a CANCEL handled before this branch was
        // pending leaves no mark on it; RFC 3261 16.10: no new branch after the CANCEL).
        if (branch.CancelRequested || Cancelled)
        {
            Complete(branch, _host.CreateLocalResponse(487, null), local: true);
            CheckAllDone();
            return;
        }

        branch.Destinations = message.Destinations;
        Attempt(branch);
    }

    /// <summary>
    /// A 503, a transport error, or a timeout without any reply moves the branch to the target's next address
    /// (RFC 3263 4.3), unless relay flag 0x04 is set or none is left.
    /// </summary>
    /// <remarks>A cancelled branch never fails over: the caller was told its request is cancelled (RFC 3261 16.10).</remarks>
    private static bool FailsOver(ProxyBranch branch, ClientTransaction client, SipResponse response, bool faked) =>
        branch.CanFailOver && !branch.CancelRequested && (response.StatusCode == 503 || (faked && response.StatusCode == 408 && !client.HadProvisional));

    /// <summary>Runs the armed reply route for a received response; true when it dropped a provisional one.</summary>
    private bool RunReplyRoute(ProxyBranch branch, SipResponse response)
    {
        if (Script.ReplyRoute is not { } route)
        {
            return false;
        }

        var run = Run(RouteKind.Reply, branch.Request, response, branch, branch.BranchFlags);
        _proxy.Routes.OnReply(route, run);
        branch.BranchFlags = run.BranchFlags;
        Script.Flags = run.MessageFlags;
        return run.Dropped && response.IsProvisional;
    }

    private static void Complete(ProxyBranch branch, SipResponse response, bool local)
    {
        branch.Pending = false;
        branch.Final = response;
        branch.FinalIsLocal = local;
    }

    private void CheckAllDone()
    {
        // A suspended route may still add branches (an event subscription): the final reply waits for it, unless cancelled.
        if (_relaying || _host.FinalSent || _branches.Exists(b => b.Pending && !b.Replica) || (_suspended > 0 && !Cancelled))
        {
            return;
        }

        var best = BestResponse.Select(_branches);
        if (best is null)
        {
            return;
        }

        if (Script.FailureRoute is { } route)
        {
            Script.FailureRoute = null; // t_on_failure must be armed again to run again
            var request = _host.Request;
            request.RequestUri = _branches[0].Target; // the tm module: the R-URI of the first branch
            var run = Run(RouteKind.Failure, request, best.Final, best, best.BranchFlags);
            _proxy.Routes.OnFailure(route, run);
            Script.Flags = run.MessageFlags;
            if (_host.FinalSent || _branches.Exists(b => b.Pending && !b.Replica))
            {
                return;
            }

            best = BestResponse.Select(_branches)!;
        }

        var final = best.Final!;
        var code = final.StatusCode;
        if (best.FinalIsLocal)
        {
            var cancelled = Cancelled && code == 408;
            _host.SendResponse(_host.CreateLocalResponse(cancelled ? 487 : code, cancelled ? null : final.ReasonPhrase), local: true);
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

            Forward(final);
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

    /// <summary>The branch a client transaction reports for; null for reports of a superseded attempt.</summary>
    private ProxyBranch? Branch(ClientTransaction client, bool pendingOnly)
    {
        var index = client.BranchIndex;
        if (index < 1 || index > _branches.Count)
        {
            return null;
        }

        var branch = _branches[index - 1];
        return (branch.Pending || !pendingOnly) && branch.Client == client ? branch : null;
    }
}
