namespace ClusterSip.Registrar.Sharding;

/// <summary>cluster-sip.registrar's keys for the location service.</summary>
/// <param name="AskTimeout">How long a REGISTER or a lookup waits for its partition.</param>
/// <param name="Journaled">Records are journaled (they survive the node that held them); false = memory only.</param>
/// <param name="SnapshotEvery">Journaled changes of one partition between its snapshots.</param>
public sealed record LocationSettings(TimeSpan AskTimeout, bool Journaled, int SnapshotEvery);
