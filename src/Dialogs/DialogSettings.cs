namespace ClusterSip.Dialogs;

/// <summary>cluster-sip.dialogs (hocon/node.conf), read by the node.</summary>
/// <param name="Enabled">Dialogs are tracked for every INVITE unless the route script says otherwise (Kamailio's dlg_manage per call).</param>
/// <param name="DetectSpirals">An initial INVITE that comes back through this node with the Call-ID and From tag of a call it tracks is that call, not a new one (Kamailio's detect_spirals).</param>
/// <param name="DefaultTimeout">How long a confirmed dialog may last before the node ends it with BYE to both sides (Kamailio's default_timeout).</param>
/// <param name="EventResendInterval">How often a dialog sends its unacknowledged call events again.</param>
/// <param name="EventResendLimit">How long an ended dialog keeps resending before it gives its unacknowledged events up (logged).</param>
public sealed record DialogSettings(bool Enabled, bool DetectSpirals, TimeSpan DefaultTimeout, TimeSpan EventResendInterval, TimeSpan EventResendLimit);
