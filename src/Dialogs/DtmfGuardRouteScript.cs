using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>
/// The seed's DTMF-driven example (fax/voicemail detection, docs/event-routing.md): each initial INVITE listens to the
/// DTMF of its Call-ID, on any node; a digit other than cluster-sip.dtmf-guard.digit ends the call with BYE to both
/// sides (the dialog's <see cref="EndDialog"/>), then the listening stops; it stops too when the call fails or its
/// dialog terminates (the <see cref="DialogStateEvent"/>), else at cluster-sip.dtmf-guard.timeout. The INVITE itself
/// is routed by <paramref name="inner"/>.
/// </summary>
public sealed class DtmfGuardRouteScript(IRouteScript inner, IRouteEvents events, DialogNode dialogs, DtmfGuardSettings settings) : IRouteScript
{
    /// <summary>The value of cluster-sip.routing.script that selects this script.</summary>
    public const string Name = "dtmf-guard";

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method == SipMethods.Invite && request.ToTag is null && request.CallId is { } callId)
        {
            var listening = new Listening();
            listening.Dtmf = events.Listen(DtmfEvents.Name, new Dictionary<string, string> { [DtmfEvents.CallId] = callId }, dtmf =>
            {
                if (dtmf[DtmfEvents.Digit] != settings.Digit && dtmf[DtmfEvents.Dialog] is { } dialog)
                {
                    dialogs.TellAnywhere(dialog, new EndDialog($"DTMF {dtmf[DtmfEvents.Digit]}"));
                    listening.Dispose();
                }
            }, settings.Timeout);
            listening.Ended = events.Listen(
                DialogStateEvent.Name,
                new Dictionary<string, string> { [DialogStateEvent.CallId] = callId, [DialogStateEvent.State] = "terminated" },
                _ => listening.Dispose(),
                settings.Timeout);
            context.OnTransaction(new StopUnlessAnswered(listening));
        }

        inner.OnRequest(context);
    }

    /// <summary>The two listeners of one call, stopped together.</summary>
    private sealed class Listening : IDisposable
    {
        public IDisposable? Dtmf { get; set; }

        public IDisposable? Ended { get; set; }

        public void Dispose()
        {
            Dtmf?.Dispose();
            Ended?.Dispose();
        }
    }

    /// <summary>A call that is not answered sends no DTMF: its listening stops with the INVITE's failure.</summary>
    private sealed class StopUnlessAnswered(IDisposable listening) : ITransactionCallbacks
    {
        public void OnResponseSent(SipResponse response, bool local)
        {
            if (response.StatusCode >= 300)
            {
                listening.Dispose();
            }
        }
    }

    public void OnBranch(string name, RouteContext context) => inner.OnBranch(name, context);

    public void OnReply(string name, RouteContext context) => inner.OnReply(name, context);

    public void OnFailure(string name, RouteContext context) => inner.OnFailure(name, context);
}
