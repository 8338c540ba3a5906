using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>A message for the dialog <paramref name="CallId"/>, sent to the manager of the node serving it (<see cref="DialogLocator"/>).</summary>
public sealed record DialogEnvelope(string CallId, object Message);

/// <summary>Asks for a dialog's <see cref="DialogDetails"/> (in a <see cref="DialogEnvelope"/>).</summary>
public sealed record GetDialog
{
    public static readonly GetDialog Instance = new();
}

/// <summary>The answer to <see cref="GetDialog"/>: the call and its confirmed dialogs, one per callee that answered (ended ones too).</summary>
public sealed record DialogDetails(DialogSummary Summary, IReadOnlyList<AnsweredDialog> Answered);

/// <summary>The answer to a <see cref="DialogEnvelope"/> query or command for a call id no dialog of that node has.</summary>
public sealed record DialogNotFound(string CallId);

/// <summary>The answer to <see cref="EndDialog"/>: <paramref name="Ended"/> false when the dialog was not confirmed (nothing to BYE).</summary>
public sealed record EndResult(bool Ended, DialogState State);

/// <summary>Asks a node's manager for its dialogs; answered with <see cref="DialogList"/>.</summary>
public sealed record ListDialogs
{
    public static readonly ListDialogs Instance = new();
}

public sealed record DialogList(IReadOnlyList<DialogSummary> Dialogs);

/// <summary>A request the dialog sends on its own (a BYE), for the node's request sender.</summary>
public sealed record SendDialogRequest(string CallId, SipRequest Request);

/// <summary>What a node gives its dialogs.</summary>
/// <param name="EventSink">Receives every call event with the dialog as sender, and answers <see cref="CallEvents.CallEventAck"/>; Nobody = events are not kept.</param>
/// <param name="Requests">Receives <see cref="SendDialogRequest"/>.</param>
public sealed record DialogServices(
    DialogSettings Settings,
    IActorRef EventSink,
    IActorRef Requests,
    DialogStatistics Statistics,
    DialogRegistry Registry,
    IRouteEventPublisher Events);
