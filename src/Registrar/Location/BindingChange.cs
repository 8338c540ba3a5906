namespace ClusterSip.Registrar.Location;

/// <summary>What happened to one binding; <paramref name="Binding"/> is the new binding, or the one that went.</summary>
public sealed record BindingChange(BindingChangeKind Kind, Binding Binding);
