using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Node.Settings;
using ClusterSip.Presence;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Node.Management;

/// <summary>
/// Internal presence subscriptions through HTTP: POST /presence/subscriptions ({"presentity", "subscriber"}),
/// GET /presence/subscriptions (across the cluster), GET /presence/status/{presentity}, DELETE /presence/subscriptions/{id}.
/// </summary>
public static class PresenceEndpoints
{
    /// <summary>The node's <see cref="InternalSubscriptionRouter"/>.</summary>
    public const string RouterName = "presence-subscriptions";

    public static void Map(IEndpointRouteBuilder routes, ManagementSettings management, PresenceSettings presence)
    {
        routes.MapPost("/presence/subscriptions", async (HttpRequest request, ActorSystem system, CancellationToken cancellationToken) =>
        {
            var (fields, fieldError) = await RequestField.ReadAsync(request, ["presentity", "subscriber"]);
            if (fieldError is not null) return Results.BadRequest(new ErrorResponse(fieldError));
            var (presentity, subscriber) = (fields![0], fields[1]);

            var (key, error) = SubscriptionKey.TryOf(presentity, subscriber);
            if (error is not null) return Results.BadRequest(new ErrorResponse(error));
            var toAgent = presence.Agent.AcceptInternalSubscriptions && presence.Agent.Serves(AnyUri.Parse(presentity));
            if (!toAgent && !presence.B2b.HandlePresenceSubscriptions)
                return Results.Conflict(new ErrorResponse("cluster-sip.presence_b2b.handle_presence_subscriptions is 0: internal subscriptions are ignored"));
            if (await RouterAsync(system, management, cancellationToken) is not { } router) return NotRunning();

            // The API's subscriptions have no watcher of their own: their status is read back with GET.
            router.Tell(new SubscribePresence(presentity, subscriber, ActorRefs.Nobody));
            return Results.Created($"/presence/subscriptions/{Uri.EscapeDataString(key!)}", new PresenceSubscriptionCreated(key!, presentity, subscriber));
        });

        routes.MapGet("/presence/subscriptions", async (ActorSystem system, CancellationToken cancellationToken) =>
            RegionOf(system, PresenceSharding.SubscriptionsTypeName) is { } region
                ? Results.Ok(new PresenceSubscriptionsResponse(await AllAsync(system, region, management, cancellationToken)))
                : NotRunning());

        routes.MapGet("/presence/status/{presentity}", async (string presentity, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (!AnyUri.TryParse(presentity, out var uri)) return Results.BadRequest(new ErrorResponse($"\"{presentity}\" is not a URI"));
            var address = SubscriptionKey.Address(presentity);
            if (presence.Agent.Serves(uri!) && RegionOf(system, PresenceSharding.AgentTypeName) is { } agent)
            {
                var info = await agent.Ask<PresentityInfo>(new GetPresentity(address), management.AskTimeout, cancellationToken);
                return Results.Ok(PresenceStatusResponse.From(address, info.Composed, "agent"));
            }

            if (RegionOf(system, PresenceSharding.SubscriptionsTypeName) is not { } region) return NotRunning();
            var latest = (await AllAsync(system, region, management, cancellationToken))
                .FirstOrDefault(s => s.Presentity == address && s.Status is not null);
            return latest is null
                ? Results.NotFound(new ErrorResponse($"no status of {address}: no subscription to it has been notified"))
                : Results.Ok(latest.Status);
        });

        routes.MapDelete("/presence/subscriptions/{id}", async (string id, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (RegionOf(system, PresenceSharding.SubscriptionsTypeName) is not { } region) return NotRunning();
            var parts = id.Split(' ');
            if (parts.Length != 2 || SubscriptionKey.TryOf(parts[0], parts[1]) is not { Key: { } key } || key != id)
                return Results.BadRequest(new ErrorResponse($"\"{id}\" is not a subscription id (\"presentity subscriber\", as GET /presence/subscriptions lists them)"));

            var info = await region.Ask<SubscriptionInfo>(new GetSubscription(key), management.AskTimeout, cancellationToken);
            if (info.Watchers == 0) return Results.NotFound(new ErrorResponse($"no subscription {id}"));
            region.Tell(new EndSubscription(key, "deleted through the management API"));
            return Results.Ok(new MessageResponse($"subscription {id} ends: SUBSCRIBE with Expires: 0 sent if it was active"));
        });
    }

    private static async Task<IReadOnlyList<PresenceSubscriptionResponse>> AllAsync(
        ActorSystem system, IActorRef region, ManagementSettings management, CancellationToken cancellationToken)
    {
        var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, management.AskTimeout, cancellationToken);
        var ids = new List<string>();
        foreach (var address in regions.Regions)
        {
            var selection = system.ActorSelection($"{address}/system/sharding/{PresenceSharding.SubscriptionsTypeName}");
            var state = await selection.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, management.AskTimeout, cancellationToken);
            ids.AddRange(state.Shards.SelectMany(s => s.EntityIds));
        }

        var infos = await Task.WhenAll(ids.Distinct().Select(id => region.Ask<SubscriptionInfo>(new GetSubscription(id), management.AskTimeout, cancellationToken)));
        return infos.Where(i => i.Watchers > 0).OrderBy(i => i.Key, StringComparer.Ordinal).Select(PresenceSubscriptionResponse.From).ToList();
    }

    private static IActorRef? RegionOf(ActorSystem system, string typeName)
    {
        var sharding = ClusterSharding.Get(system);
        return sharding.ShardTypeNames.Contains(typeName) ? sharding.ShardRegion(typeName) : null;
    }

    private static async Task<IActorRef?> RouterAsync(ActorSystem system, ManagementSettings management, CancellationToken cancellationToken)
    {
        try
        {
            return await system.ActorSelection($"/user/{RouterName}").ResolveOne(management.AskTimeout, cancellationToken);
        }
        catch (ActorNotFoundException)
        {
            return null;
        }
    }

    private static IResult NotRunning() =>
        Results.Json(new ErrorResponse("presence does not run on this node (cluster-sip.sip.listen is empty)"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
