using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Management;

/// <summary>
/// GET /statistics, GET /statistics/{group}: module statistics under their module names (the tm module's
/// received_replies, 2xx_transactions, …); POST /statistics/{group}/reset zeroes the resettable ones.
/// </summary>
public static class StatisticsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/statistics", (StatisticsRegistry registry) =>
            Results.Ok(registry.Groups.Select(Response).ToList()));

        routes.MapGet("/statistics/{group}", (string group, StatisticsRegistry registry) =>
            registry.Find(group) is { } found ? Results.Ok(Response(found)) : Unknown(group));

        routes.MapPost("/statistics/{group}/reset", (string group, StatisticsRegistry registry) =>
        {
            if (registry.Find(group) is not { } found) return Unknown(group);
            found.Reset();
            return Results.Ok(Response(found));
        });
    }

    private static StatisticsResponse Response(StatisticsGroup group) => new(group.Name, group.Snapshot());

    private static IResult Unknown(string group) =>
        Results.NotFound(new ErrorResponse($"no statistics group '{group}'"));
}
