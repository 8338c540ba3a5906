using System.Collections.Concurrent;
using Akka.Actor;
using ClusterSip.CallEvents;

namespace ClusterSip.EndToEnd.Tests.Support;

/// <summary>A call event subscriber in a node, as the callstore will be: acknowledges each event and keeps each (call, sequence) once.</summary>
public sealed class RecordingSink : ReceiveActor
{
    public RecordingSink(ConcurrentDictionary<(string, long), CallEvent> events) => Receive<CallEvent>(e =>
    {
        events.TryAdd((e.CallId, e.Sequence), e);
        Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
    });

    /// <summary>The events received, per call in sequence order, each as its type and main detail.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Calls(ConcurrentDictionary<(string, long), CallEvent> events) =>
        events.Values.GroupBy(e => e.CallId)
            .Select(call => (IReadOnlyList<string>)call.OrderBy(e => e.Sequence).Select(Describe).ToList())
            .ToList();

    private static string Describe(CallEvent e) => e switch
    {
        CallForked f => $"CallForked:{f.BranchId}",
        CallRinging r => $"CallRinging:{r.BranchId}:{r.StatusCode}",
        CallAnswered a => $"CallAnswered:{a.BranchId}",
        CallReleased r => $"CallReleased:{r.By}:{r.StatusCode}:{r.Reason}",
        CallFailed f => $"CallFailed:{f.StatusCode}:{f.Cause}",
        CallHeld h => $"CallHeld:{h.By}",
        CallRetrieved r => $"CallRetrieved:{r.By}",
        CallTransferred t => $"CallTransferred:{t.By}:{t.Method}:{t.Target}",
        _ => e.Type,
    };
}
