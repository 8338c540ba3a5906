using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs' request hook (before every request route). An initial INVITE gets a dialog (when the node tracks every
/// call, or when the route script asks through <see cref="DialogControl"/>): its interaction id goes
/// into this proxy's Record-Route as the cookie <see cref="Cookie"/> and the transaction's callbacks feed the dialog.
/// An INVITE that spirals back through this node is the call it came from (<see cref="Spirals"/>): the route script
/// gets that call's control and the second Record-Route its cookie too, so that the call's route sets skip both.
/// A CANCEL of it is noted. An in-dialog request of a dialog of this node (any callee's, when several answered a forked
/// INVITE) is matched by Call-ID and tags, with or without the recorded Route set, and relayed to the other party's
/// target along the route set towards it; one whose cookie names a dialog on another node is told to that dialog (found
/// through Akka from the id) and left to the route script, which relays it as addressed. Every input from this node goes
/// straight to the dialog's actor (<see cref="DialogNode.Create"/>), so those of one dialog keep the order they were told in.
/// </summary>
public sealed class DialogHook(DialogSettings settings, DialogNode node, ILoggingAdapter log) : IRequestHook
{
    /// <summary>The Record-Route URI parameter that carries the interaction id.</summary>
    public const string Cookie = "did";

    public bool OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.ToTag is { } toTag)
        {
            return InDialog(context, request, toTag);
        }

        if (request.Method == SipMethods.Invite && context.HasTransaction)
        {
            if (settings.DetectSpirals && Spirals.CallOf(node.Registry, request, context.CameThroughMyself()) is { } spiralled)
            {
                // The call's dialog follows the INVITE's first pass, whose transaction sees every response of this one.
                context.SetFeature(new DialogControl(this, context, request, spiralled.CallId, spiralled.Dialog));
                context.AddRecordRouteParameter(Cookie, spiralled.CallId);
                return false;
            }

            var control = new DialogControl(this, context, request);
            context.SetFeature(control);
            if (settings.Enabled)
            {
                control.Manage();
            }
        }
        else if (request.Method == SipMethods.Cancel && request.CallId is { } sipCallId
                 && node.Registry.FindRoute(sipCallId) is { Answered: false } route && route.CallerTag == request.FromTag)
        {
            route.Dialog.Tell(CancelReceived.Instance);
        }

        return false;
    }

    /// <summary>Starts tracking the INVITE's dialog; null when the INVITE cannot make a dialog, or the node is stopping (logged).</summary>
    internal LocalDialog? Start(RouteContext context, SipRequest invite)
    {
        var callId = InteractionIds.New(node.Address);
        DialogStart start;
        try
        {
            start = DialogInputReader.Start(invite, callId, node.Name);
        }
        catch (ArgumentException e)
        {
            log.Warning("no dialog for the INVITE of Call-ID {0}: {1}", invite.CallId, e.Message);
            return null;
        }

        if (DialogInputReader.Replaces(invite) is var (replacedCallId, fromTag, replaced)
            && node.Registry.FindRoute(replacedCallId) is { } target && (target.CallerTag == fromTag || target.Callees.Any(c => c.Tag == fromTag)))
        {
            target.Dialog.Tell(replaced);
        }

        LocalDialog dialog;
        try
        {
            dialog = node.Create(start);
        }
        catch (InvalidOperationException e)
        {
            log.Warning("no dialog for the INVITE of Call-ID {0}: {1}", invite.CallId, e.Message);
            return null;
        }

        node.Registry.SetRoute(new DialogRoute(callId, start.SipCallId, start.CallerTag, DialogRoute.RouteSet(invite.RecordRoutes), [], dialog.Actor));
        context.AddRecordRouteParameter(Cookie, callId);
        context.OnTransaction(new DialogCallbacks(start, dialog.Actor, invite.Contacts is [{ Uri: { } contact }, ..] ? contact : null, node.Registry));
        return dialog;
    }

    private bool InDialog(RouteContext context, SipRequest request, string toTag)
    {
        if (request.CallId is { } sipCallId && node.Registry.FindRoute(sipCallId) is { } route
            && route.Find(request.FromTag, toTag, out var fromCaller) is { } callee
            && (fromCaller ? callee.CalleeTarget : callee.CallerTarget) is { } target)
        {
            if (request.Method != SipMethods.Ack)
            {
                route.Dialog.Tell(DialogInputReader.InDialog(request));
            }

            context.TRelay(target, fromCaller ? callee.RoutesTowardsCallee : route.RoutesTowardsCaller);
            return true;
        }

        if (request.Method != SipMethods.Ack && context.OwnRoute?.Uri is SipUri own && own.Parameters[Cookie] is { } callId)
        {
            node.TellAnywhere(callId, DialogInputReader.InDialog(request));
        }

        return false;
    }
}
