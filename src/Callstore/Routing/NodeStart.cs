namespace ClusterSip.Callstore.Routing;

/// <summary>Asks a node's callstore router when its ActorSystem started (answered with <see cref="NodeStartedAt"/>).</summary>
public sealed record WhenStarted
{
    public static readonly WhenStarted Instance = new();
}

/// <summary>
/// When the answering node started. A call that began before its serving node's current incarnation started was
/// served by an earlier incarnation whose dialogs died with it.
/// </summary>
public sealed record NodeStartedAt(DateTimeOffset StartedAt);
