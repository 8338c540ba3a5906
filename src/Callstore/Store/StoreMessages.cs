namespace ClusterSip.Callstore.Store;

/// <summary>Asks a group store to stop accepting events and answer <see cref="Drained"/> once its journal writes are done.</summary>
public sealed record Drain
{
    public static readonly Drain Instance = new();
}

/// <summary>The store has no journal write in flight and accepts nothing more: it may be stopped.</summary>
public sealed record Drained(int Group);
