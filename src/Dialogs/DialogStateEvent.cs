using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>
/// The route event <c>DIALOG</c> (OpenSIPS's E_DLG_STATE_CHANGED), raised on each change of a dialog's state:
/// attributes <c>callid</c> (the SIP Call-ID), <c>dialog</c> (the dialog's id, as DTMF events name it), <c>state</c>
/// and <c>previous</c> (<c>unconfirmed</c>, <c>early</c>, <c>confirmed</c>, <c>terminated</c>).
/// </summary>
public static class DialogStateEvent
{
    public const string Name = "DIALOG";

    public const string CallId = "callid";

    public const string Dialog = "dialog";

    public const string State = "state";

    public const string Previous = "previous";

    public static RouteEvent Of(string sipCallId, string dialog, DialogState previous, DialogState state) =>
        new(Name, new DialogStateAttributes(sipCallId, dialog, Text(state), Text(previous)));

    // Constants, not state.ToString().ToLowerInvariant(): a boxed enum and two strings per change.
    private static string Text(DialogState state) => state switch
    {
        DialogState.Unconfirmed => "unconfirmed",
        DialogState.Early => "early",
        DialogState.Confirmed => "confirmed",
        DialogState.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
