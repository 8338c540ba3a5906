using Akka.Actor;
using Akka.Cluster;

namespace ClusterSip.Node.Management;

/// <summary>/cluster/members: list, inspect, join, leave and down members (shaped like Akka.Management's routes).</summary>
public static class ClusterMembersEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cluster/members", (Cluster cluster) => Results.Ok(ClusterView.Members(cluster)));

        routes.MapGet("/cluster/members/{**address}", (string address, Cluster cluster) =>
            WithMember(cluster, address, member => Results.Ok(ClusterView.Describe(member, cluster.State.Unreachable))));

        routes.MapPost("/cluster/members", async (HttpRequest request, Cluster cluster) =>
        {
            var (text, error) = await RequestField.ReadAsync(request, "address");
            if (text is null) return BadRequest(error!);
            var (address, addressError) = MemberAddress.Parse(text);
            if (address is null) return BadRequest(addressError!);
            cluster.Join(address);
            return Results.Ok(new MessageResponse($"Joining {address}"));
        });

        routes.MapDelete("/cluster/members/{**address}", (string address, Cluster cluster) =>
            WithMember(cluster, address, member => Leave(cluster, member.Address)));

        routes.MapPut("/cluster/members/{**address}", async (string address, HttpRequest request, Cluster cluster) =>
        {
            var (operation, error) = await RequestField.ReadAsync(request, "operation");
            if (operation is null) return BadRequest(error!);
            return operation.ToLowerInvariant() switch
            {
                "down" => WithMember(cluster, address, member =>
                {
                    cluster.Down(member.Address);
                    return Results.Ok(new MessageResponse($"Downing {member.Address}"));
                }),
                "leave" => WithMember(cluster, address, member => Leave(cluster, member.Address)),
                _ => BadRequest($"unknown operation '{operation}': expected \"down\" or \"leave\""),
            };
        });
    }

    private static IResult Leave(Cluster cluster, Address address)
    {
        cluster.Leave(address);
        return Results.Ok(new MessageResponse($"Leaving {address}"));
    }

    private static IResult WithMember(Cluster cluster, string text, Func<Member, IResult> action)
    {
        var (address, error) = MemberAddress.Parse(text);
        if (address is null) return BadRequest(error!);
        var member = ClusterView.Find(cluster, address);
        return member is null
            ? Results.NotFound(new ErrorResponse($"member {address} is not in the cluster as {MemberAddress.Short(cluster.SelfAddress)} sees it"))
            : action(member);
    }

    private static IResult BadRequest(string reason) => Results.BadRequest(new ErrorResponse(reason));
}
