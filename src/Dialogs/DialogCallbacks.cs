using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// Follows the initial INVITE's transaction for its dialog: tells the dialog's actor each branch, each response and the
/// final response to the caller. Each answer (every 2xx of a forked INVITE, one per callee) also goes into the
/// registry's route at once, before the 2xx is relayed, so the caller's ACK finds that callee however fast it comes.
/// </summary>
/// <param name="callerTarget">The INVITE's Contact URI: the caller's target in each dialog until a target refresh.</param>
internal sealed class DialogCallbacks(DialogStart start, IActorRef dialog, AnyUri? callerTarget, DialogRegistry registry) : ITransactionCallbacks
{
    private ulong _relayed; // bit n: branch n relayed (branches past 63 in the set); no set for the usual few branches
    private HashSet<int>? _relayedBeyond;

    public void OnRequestRelayed(int branch, SipRequest request)
    {
        if (FirstRelay(branch))
        {
            Tell(DialogInputReader.Relayed(branch, request));
        }
    }

    public void OnResponseReceived(int branch, SipResponse response, bool faked)
    {
        if (response.StatusCode == 100)
        {
            return; // a 100 neither makes nor changes a dialog, even with a To tag (RFC 3261 12.1): not worth a message
        }

        if (response.IsSuccess)
        {
            var routes = DialogRoute.TowardsCallee(response.RecordRoutes, start.CallerRoutes.Count, start.CallId);
            var calleeTarget = response.Contacts is [{ Uri: { } contact }, ..] ? contact : null;
            var callee = new CalleeRoute(response.ToTag ?? "", calleeTarget, callerTarget, routes);
            registry.UpdateRoute(start.SipCallId, start.CallId, static (r, c) => r.WithCallee(c), callee);
        }

        Tell(DialogInputReader.Response(branch, response));
    }

    public void OnResponseSent(SipResponse response, bool local)
    {
        if (response.IsFinal)
        {
            Tell(new FinalResponseSent(response.StatusCode));
        }
    }

    private bool FirstRelay(int branch)
    {
        if (branch is < 0 or > 63)
        {
            return (_relayedBeyond ??= []).Add(branch);
        }

        var bit = 1UL << branch;
        var first = (_relayed & bit) == 0;
        _relayed |= bit;
        return first;
    }

    private void Tell(IDialogInput input) => dialog.Tell(input);
}
