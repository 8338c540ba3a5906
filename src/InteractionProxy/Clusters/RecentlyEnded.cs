namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>The last sequence number of the most recently ended calls, at most <c>capacity</c> of them (oldest forgotten first).</summary>
public sealed class RecentlyEnded(int capacity)
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _last.Count;

    public void Add(string callId, long sequence)
    {
        if (_last.TryAdd(callId, sequence)) _order.Enqueue(callId);
        else _last[callId] = Math.Max(_last[callId], sequence);
        while (_order.Count > capacity) _last.Remove(_order.Dequeue());
    }

    /// <summary>Whether the call ended at or after this event, so the event is old news.</summary>
    public bool Covers(string callId, long sequence) => _last.TryGetValue(callId, out var last) && sequence <= last;
}
