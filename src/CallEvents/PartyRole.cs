namespace ClusterSip.CallEvents;

/// <summary>Who did something to a call: the party that sent the initial INVITE, the party it reached, or the system itself.</summary>
public enum PartyRole
{
    Caller,
    Callee,
    System,
}
