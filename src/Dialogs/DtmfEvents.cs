using ClusterSip.Sip.Dtmf;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// Raises the route event <c>DTMF</c> for each in-dialog INFO carrying a digit (<see cref="DtmfInfo"/>): attributes
/// <c>callid</c> (the SIP Call-ID), <c>digit</c>, and <c>dialog</c> (the dialog's id, from this proxy's Record-Route
/// cookie) when the INFO came along the dialog's route set. Never takes the request: the dialog and the route relay it.
/// </summary>
public sealed class DtmfEvents(IRouteEventPublisher events) : IRequestHook
{
    public const string Name = "DTMF";

    public const string CallId = "callid";

    public const string Digit = "digit";

    public const string Dialog = "dialog";

    public bool OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method != SipMethods.Info || request.ToTag is null || request.CallId is not { } callId
            || DtmfInfo.Digit(request.ContentType, request.Body.Span) is not { } digit)
        {
            return false;
        }

        var routeEvent = context.OwnRoute?.Uri is SipUri own && own.Parameters[DialogHook.Cookie] is { } dialog
            ? RouteEvent.Of(Name, (CallId, callId), (Digit, digit), (Dialog, dialog))
            : RouteEvent.Of(Name, (CallId, callId), (Digit, digit));
        events.Publish(routeEvent);
        return false;
    }
}
