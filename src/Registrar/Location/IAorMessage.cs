namespace ClusterSip.Registrar.Location;

/// <summary>A message for the actor of one address-of-record; sharding routes it by <see cref="Aor"/>.</summary>
public interface IAorMessage
{
    string Aor { get; }
}
