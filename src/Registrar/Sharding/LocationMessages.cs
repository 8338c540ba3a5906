using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>Asks for the live bindings of an address-of-record; answered with <see cref="AorBindings"/>.</summary>
public sealed record LookupBindings(string Aor) : IAorMessage;

/// <summary>The live bindings of an address-of-record (none when it has no binding).</summary>
public sealed record AorBindings(string Aor, Binding[] Bindings);

/// <summary>Removes every binding of an address-of-record (the management API's DELETE); answered with <see cref="BindingsRemoved"/>.</summary>
public sealed record RemoveBindings(string Aor) : IAorMessage;

public sealed record BindingsRemoved(string Aor, int Count);

/// <summary>The journaled state of an address-of-record: all its bindings after a change.</summary>
public sealed record BindingsStored(Binding[] Bindings);
