using System.Runtime.ExceptionServices;
using Akka.Actor;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// t_suspend / t_continue: a request route that waits for asynchronous work (a registrar lookup) without blocking the
/// thread. The transaction stays (neither released nor lingering) until the work's result comes back to its actor as a
/// <see cref="RouteResumed"/>; the continuation then runs as the request route would. A suspended INVITE is answered 100 at once. Work that fails ends the
/// transaction as any fault in a route does (500, logged). Branches relayed before a suspension that all end while it
/// lasts wait for the route to resume before the final reply is chosen: the resumed route may add branches.
/// </summary>
internal sealed partial class ProxyCore
{
    private int _suspended;

    public void Suspend<T>(Task<T> work, Func<T, Action<RouteRun>> resume)
    {
        _suspended++;
        if (IsInvite && !_host.ProvisionalSent)
        {
            _host.SendResponse(_host.CreateLocalResponse(100, null), local: true); // the caller stops retransmitting while we wait
        }

        work.PipeTo(
            _host.Self,
            success: result => new RouteResumed(resume(result)),
            failure: e => new RouteResumed(_ => ExceptionDispatchInfo.Throw(e is AggregateException { InnerException: { } inner } ? inner : e)));
    }

    /// <summary>t_reply with a response the script built: its status and headers, under the transaction's own To tag.</summary>
    public bool Reply(RouteRun run, SipResponse response)
    {
        CommitRequestFlags(run);
        if (_host.FinalSent)
        {
            return false;
        }

        // The response's own To tag: a UAS behind the script (the presence agent) names its dialog with it.
        var local = _host.CreateLocalResponse(response.StatusCode, response.ReasonPhrase, response.ToTag);
        foreach (var header in response.Headers)
        {
            if (!IsCopiedFromRequest(header.Name))
            {
                local.Headers.Add(header.Name, header.Value);
            }
        }

        local.Body = response.Body;
        _host.SendResponse(local, local: true);
        return true;
    }

    /// <summary>t_cancel_branches("all") of the tmx module: CANCEL every pending branch.</summary>
    public void CancelBranches() => CancelPending(except: null);

    private void OnResumed(RouteResumed resumed)
    {
        _suspended--;
        if (_host.FinalSent)
        {
            return; // cancelled meanwhile: the 487 went
        }

        resumed.Continue(new RouteRun(_proxy, this, RouteKind.Request, _host.Request));
        if (_suspended == 0)
        {
            CheckAllDone(); // branches that ended while the route was suspended
        }

        ReleaseIfUnrouted();
    }

    private static bool IsCopiedFromRequest(string name) =>
        name.Equals(HeaderNames.Via, StringComparison.OrdinalIgnoreCase) || name.Equals(HeaderNames.From, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.To, StringComparison.OrdinalIgnoreCase) || name.Equals(HeaderNames.CallId, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.CSeq, StringComparison.OrdinalIgnoreCase);
}
