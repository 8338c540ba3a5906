namespace ClusterSip.Registrar.Location;

/// <summary>
/// The result of a REGISTER: the status of its response and, on success, every current binding of the
/// address-of-record and what changed. A failed REGISTER changes nothing.
/// </summary>
/// <param name="MinExpires">The Min-Expires of a 423.</param>
public sealed record RegisterOutcome(int Status, string? Reason, Binding[] Bindings, BindingChange[] Changes, int? MinExpires = null)
{
    public bool Accepted => Status == 200;

    public static RegisterOutcome Ok(Binding[] bindings, BindingChange[] changes) => new(200, null, bindings, changes);

    public static RegisterOutcome Reject(int status, string reason, int? minExpires = null) => new(status, reason, [], [], minExpires);
}
