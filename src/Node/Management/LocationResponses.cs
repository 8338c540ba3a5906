using ClusterSip.Registrar.Location;

namespace ClusterSip.Node.Management;

/// <param name="Total">Address-of-records with bindings across the cluster.</param>
public sealed record LocationPageResponse(int Total, int Offset, int Limit, IReadOnlyList<string> Records);

public sealed record LocationRecordResponse(string Aor, IReadOnlyList<BindingResponse> Bindings);

public sealed record LocationRemovedResponse(string Aor, int Removed);

/// <param name="Expires">Seconds left before the binding expires.</param>
/// <param name="Node">The node that received the REGISTER.</param>
public sealed record BindingResponse(
    string Contact,
    int Expires,
    double? Q,
    string? Received,
    IReadOnlyList<string> Path,
    string? UserAgent,
    string Node,
    string CallId,
    uint CSeq,
    string? Instance,
    int? RegId)
{
    public static BindingResponse Of(Binding b, DateTimeOffset now) =>
        new(b.Contact, b.RemainingSeconds(now), b.Q, b.Received, b.Path, b.UserAgent, b.Node, b.CallId, b.CSeq, b.InstanceId, b.RegId);
}
