namespace ClusterSip.Dialogs;

/// <summary>cluster-sip.dtmf-guard: the DTMF-driven example route script's settings.</summary>
/// <param name="Digit">The one digit a call may send; any other hangs it up.</param>
/// <param name="Timeout">How long a call's DTMF is listened to after its INVITE.</param>
public sealed record DtmfGuardSettings(string Digit, TimeSpan Timeout);
