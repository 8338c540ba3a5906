namespace ClusterSip.Registrar.Location;

/// <summary>One Contact of a REGISTER, checked: what it asks the location service to do with one binding.</summary>
/// <param name="Expires">The requested expiry in seconds (the expires parameter, else the Expires header, else default-expires); 0 removes.</param>
public sealed record ContactRequest(string Uri, string Contact, int Expires, double? Q, string? InstanceId, int? RegId);
