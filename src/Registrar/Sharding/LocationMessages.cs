using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>Asks for the live bindings of an address-of-record; answered with <see cref="AorBindings"/>.</summary>
public sealed record LookupBindings(string Aor) : IAorMessage;

/// <summary>The live bindings of an address-of-record (none when it has no binding).</summary>
public sealed record AorBindings(string Aor, Binding[] Bindings);

/// <summary>Removes every binding of an address-of-record (the management API's DELETE); answered with <see cref="BindingsRemoved"/>.</summary>
public sealed record RemoveBindings(string Aor) : IAorMessage;

public sealed record BindingsRemoved(string Aor, int Count);

/// <summary>The journaled state of an address-of-record: all its bindings after a change (none: the record is gone).</summary>
public sealed record RecordStored(string Aor, Binding[] Bindings);

/// <summary>A partition's snapshot: every record it holds.</summary>
public sealed record PartitionSnapshot(RecordStored[] Records);

/// <summary>Asks one partition for the address-of-records it holds with bindings; answered with <see cref="PartitionRecords"/>.</summary>
public sealed record PartitionRecordsQuery(int Partition);

public sealed record PartitionRecords(string[] Aors);
