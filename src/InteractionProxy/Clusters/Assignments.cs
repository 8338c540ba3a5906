namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>A client node of a client cluster: the session that serves it and whether that session is connected.</summary>
public sealed record ClientNode(string NodeId, string SessionId, bool Connected);

/// <summary>
/// Which client node each interaction belongs to. An interaction keeps its node for its whole life; a new one goes
/// to the connected node with the fewest (the earliest joined on a tie; a node within its disconnect grace only
/// when none is connected); a node that leaves hands its interactions to the others the same way.
/// </summary>
public sealed class Assignments
{
    private readonly List<ClientNode> _nodes = new();
    private readonly Dictionary<string, string> _nodeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _interactionsOf = new(StringComparer.Ordinal);

    public IReadOnlyList<ClientNode> Nodes => _nodes;

    public ClientNode? Node(string nodeId) => _nodes.Find(n => n.NodeId == nodeId);

    public int CountOf(string nodeId) => _interactionsOf.TryGetValue(nodeId, out var set) ? set.Count : 0;

    public IReadOnlyCollection<string> InteractionsOf(string nodeId) =>
        _interactionsOf.TryGetValue(nodeId, out var set) ? set : [];

    /// <summary>Adds the node, or updates its session and connection.</summary>
    public void Upsert(ClientNode node)
    {
        var index = _nodes.FindIndex(n => n.NodeId == node.NodeId);
        if (index >= 0) _nodes[index] = node;
        else
        {
            _nodes.Add(node);
            _interactionsOf[node.NodeId] = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Removes the node and returns the interactions it held, now without a node.</summary>
    public IReadOnlyList<string> Remove(string nodeId)
    {
        _nodes.RemoveAll(n => n.NodeId == nodeId);
        if (!_interactionsOf.Remove(nodeId, out var held)) return [];
        foreach (var interaction in held) _nodeOf.Remove(interaction);
        return held.Order(StringComparer.Ordinal).ToList();
    }

    public string? NodeOf(string interaction) => _nodeOf.GetValueOrDefault(interaction);

    /// <summary>The interaction's node, choosing one for it when it has none; null while the cluster has no node.</summary>
    public string? Assign(string interaction)
    {
        if (_nodeOf.TryGetValue(interaction, out var current)) return current;
        if (_nodes.Count == 0) return null;
        var candidates = _nodes.Any(n => n.Connected) ? _nodes.Where(n => n.Connected) : _nodes;
        var chosen = candidates.MinBy(n => _interactionsOf[n.NodeId].Count)!.NodeId;
        _nodeOf[interaction] = chosen;
        _interactionsOf[chosen].Add(interaction);
        return chosen;
    }

    public void Release(string interaction)
    {
        if (_nodeOf.Remove(interaction, out var node)) _interactionsOf[node].Remove(interaction);
    }
}
