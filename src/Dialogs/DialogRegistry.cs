using System.Collections.Concurrent;

namespace ClusterSip.Dialogs;

/// <summary>The dialogs of this node, kept current by the dialog actors; read from any thread.</summary>
public sealed class DialogRegistry
{
    private readonly ConcurrentDictionary<string, DialogSummary> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public void Set(DialogSummary summary) => _byId[summary.CallId] = summary;

    public void Remove(string callId) => _byId.TryRemove(callId, out _);

    public DialogSummary? Find(string callId) => _byId.GetValueOrDefault(callId);

    /// <summary>Every dialog, oldest first.</summary>
    public IReadOnlyList<DialogSummary> All() =>
        _byId.Values.OrderBy(d => d.StartTime).ThenBy(d => d.CallId, StringComparer.Ordinal).ToList();
}
