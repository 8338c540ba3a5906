using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>
/// The route script's hold on the dialog of the initial INVITE it is routing (<c>context.Dialog()</c>): track it when
/// the node does not track every call (Kamailio's <c>dlg_manage</c>), and set the call's user data, which every later
/// call event carries (a <c>UserDataChanged</c> event names the keys that changed). Valid in the request route only,
/// before the INVITE is relayed: the dialog's Record-Route cookie goes into the relayed request.
/// </summary>
public sealed class DialogControl
{
    private readonly DialogHook _hook;
    private readonly RouteContext _context;
    private readonly SipRequest _invite;
    private IActorRef? _dialog;

    /// <param name="callId">The call the INVITE belongs to already (it spiralled back from it); null for a new call.</param>
    /// <param name="dialog">That call's dialog actor.</param>
    internal DialogControl(DialogHook hook, RouteContext context, SipRequest invite, string? callId = null, IActorRef? dialog = null)
    {
        _hook = hook;
        _context = context;
        _invite = invite;
        CallId = callId;
        _dialog = dialog;
    }

    /// <summary>The call id (interaction id) of the tracked dialog; null while the dialog is not tracked.</summary>
    public string? CallId { get; private set; }

    /// <summary>Tracks this call's dialog (nothing when it is tracked already); false when the INVITE cannot make one (logged).</summary>
    public bool Manage()
    {
        if (_dialog is null && _hook.Start(_context, _invite) is { } started)
        {
            (CallId, _dialog) = (started.CallId, started.Actor);
        }

        return _dialog is not null;
    }

    /// <summary>Sets (or, with null, removes) user data of the call, tracking its dialog first if need be.</summary>
    public bool SetUserData(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!Manage()) return false;
        _dialog!.Tell(new SetUserData(new Dictionary<string, string?> { [key] = value }));
        return true;
    }
}

/// <summary>The dialogs' functions in a route script.</summary>
public static class DialogRouteFunctions
{
    /// <summary>The dialog control of the initial INVITE being routed; null for any other request or route.</summary>
    public static DialogControl? Dialog(this RouteContext context) => context.Feature<DialogControl>();
}
