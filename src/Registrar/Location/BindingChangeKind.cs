namespace ClusterSip.Registrar.Location;

public enum BindingChangeKind
{
    Added,
    Refreshed,
    Removed,
    Expired,
}
