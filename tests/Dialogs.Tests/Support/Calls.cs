using ClusterSip.CallEvents;

namespace ClusterSip.Dialogs.Tests.Support;

/// <summary>Helpers to read event sequences.</summary>
public static class Calls
{
    public const string Node = "cluster-sip@127.0.0.1:4053";

    public static DialogStart Start(string callId = "c1-6e") => DialogInputReader.Start(CallMessages.Invite(), callId, Node);

    /// <summary>"CallInitiated", "CallForked:1", … in order: the type and the main detail of each event.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<CallEvent> events) => events.Select(Describe).ToList();

    public static string Describe(CallEvent e) => e switch
    {
        CallForked f => $"CallForked:{f.BranchId}",
        CallRinging r => $"CallRinging:{r.BranchId}:{r.StatusCode}",
        CallAnswered a => $"CallAnswered:{a.BranchId}",
        CallHeld h => $"CallHeld:{h.By}",
        CallRetrieved r => $"CallRetrieved:{r.By}",
        CallTransferred t => $"CallTransferred:{t.By}:{t.Method}:{t.Target}",
        CallReleased r => $"CallReleased:{r.By}:{r.StatusCode}:{r.Reason}",
        CallFailed f => $"CallFailed:{f.StatusCode}:{f.Cause}",
        UserDataChanged u => $"UserDataChanged:{string.Join(",", u.ChangedKeys)}",
        _ => e.Type,
    };
}
