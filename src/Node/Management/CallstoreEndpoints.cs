using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using ClusterSip.Callstore;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Election;
using ClusterSip.CallEvents;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Management;

/// <summary>
/// The callstore's routes (docs/management-api.md): GET /callstore/groups, GET /callstore/groups/{group}/calls,
/// GET /callstore/resolve?domain=, GET /cdr. Statistics are under GET /statistics/callstore.
/// </summary>
public static class CallstoreEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder routes, ManagementSettings settings)
    {
        routes.MapGet("/callstore/groups", async (ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (Runtime(system) is not { } runtime) return NotRunning();
            var groups = new List<GroupResponse>();
            foreach (var group in runtime.Options.Groups) groups.Add(await GroupAsync(runtime, group, settings.AskTimeout, cancellationToken));
            return Json(new GroupsResponse(groups));
        });

        routes.MapGet("/callstore/groups/{group}/calls", async (string group, HttpRequest request, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (Runtime(system) is not { } runtime) return NotRunning();
            if (!int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !runtime.Groups.TryGetValue(number, out var singleton))
                return Results.NotFound(new ErrorResponse($"no enabled callstore group '{group}' (groups: {string.Join(", ", runtime.Options.Groups)})"));
            if (Page(request) is { Error: { } error }) return Results.BadRequest(new ErrorResponse(error));
            var (limit, offset, _) = Page(request);
            try
            {
                var snapshot = await singleton.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), settings.AskTimeout, cancellationToken);
                var calls = snapshot.Calls.OrderBy(c => c.Latest.CallId, StringComparer.Ordinal).Skip(offset).Take(limit)
                    .Select(c => new ActiveCallResponse(c.Latest.CallId, c.State, c.Latest)).ToList();
                return Json(new CallsResponse(number, snapshot.Offset, snapshot.Calls.Count, offset, limit, calls));
            }
            catch (AskTimeoutException)
            {
                return Unavailable($"callstore group {number} did not answer within {settings.AskTimeout} (no active instance?)");
            }
        });

        routes.MapGet("/callstore/resolve", (string? domain, ActorSystem system) =>
        {
            if (Runtime(system) is not { } runtime) return NotRunning();
            if (string.IsNullOrWhiteSpace(domain)) return Results.BadRequest(new ErrorResponse("query parameter 'domain' is required, e.g. /callstore/resolve?domain=example.com"));
            return runtime.Tree.Resolve(domain) is { } group
                ? Json(new ResolveResponse(domain.Trim().ToLowerInvariant(), group))
                : Results.NotFound(new ErrorResponse($"no callstore group serves '{domain}'"));
        });

        routes.MapGet("/cdr", async (HttpRequest request, ActorSystem system) =>
        {
            if (Runtime(system) is not { } runtime) return NotRunning();
            var (limit, offset, error) = Page(request);
            var (from, fromError) = Time(request, "from");
            var (to, toError) = Time(request, "to");
            if ((error ?? fromError ?? toError) is { } problem) return Results.BadRequest(new ErrorResponse(problem));
            var domain = request.Query["domain"].ToString();
            var cdrs = await runtime.Cdrs.FindAsync(new CdrQuery(domain.Length == 0 ? null : domain.ToLowerInvariant(), from, to, limit, offset));
            return Json(new CdrsResponse(offset, limit, cdrs));
        });
    }

    private static async Task<GroupResponse> GroupAsync(CallstoreRuntime runtime, int group, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var instances = runtime.Options.Instances.Where(i => i.Enabled && i.Group == group).OrderBy(i => i.Order).Select(Instance).ToList();
        var domains = runtime.Options.Instances.First(i => i.Enabled && i.Group == group).IncludeDomains;
        var singleton = runtime.Groups[group];
        try
        {
            var status = await singleton.Ask<GroupStatus>(GetGroupStatus.Instance, timeout, cancellationToken);
            var snapshot = status.Active is null ? null : await singleton.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), timeout, cancellationToken);
            return new GroupResponse(group, domains, instances, status.Active, status.Coordinator, status.Hosts, snapshot?.Calls.Count, snapshot?.Offset, null);
        }
        catch (AskTimeoutException)
        {
            return new GroupResponse(group, domains, instances, null, null, [], null, null, $"the group did not answer within {timeout}");
        }
    }

    private static InstanceResponse Instance(CallstoreInstance i) =>
        new(i.Name, i.RoleType, i.Iface, i.Order, i.Enabled, i.CdrEnabled, i.Sorm3Enabled, i.Ext.Length == 0 ? null : JsonDocument.Parse(i.Ext).RootElement.Clone());

    private static (int Limit, int Offset, string? Error) Page(HttpRequest request)
    {
        var limit = DefaultLimit;
        var offset = 0;
        if (request.Query.TryGetValue("limit", out var l) && !(int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
            return (0, 0, $"'limit' must be a whole number from 1 to {MaxLimit}");
        if (request.Query.TryGetValue("offset", out var o) && !int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return (0, 0, "'offset' must be a whole number from 0");
        return (limit, offset, null);
    }

    private static (DateTimeOffset? Value, string? Error) Time(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var text) || text.ToString().Length == 0) return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? (value, null)
            : (null, $"'{name}' must be an ISO 8601 time such as 2026-11-29T18:00:00Z");
    }

    private static CallstoreRuntime? Runtime(ActorSystem system) => system.GetExtension<CallstoreRuntime>();

    private static IResult Json<T>(T value) => Results.Json(value, CdrJson.Options);

    private static IResult NotRunning() => Results.NotFound(new ErrorResponse("the callstore is not running on this node"));

    private static IResult Unavailable(string reason) => Results.Json(new ErrorResponse(reason), statusCode: StatusCodes.Status503ServiceUnavailable);

    private sealed record InstanceResponse(string Name, string RoleType, string? Iface, int Order, bool Enabled, bool CdrEnabled, bool Sorm3Enabled, JsonElement? Ext);

    /// <param name="Domains">The domains the group names; empty: it serves what no group names.</param>
    /// <param name="JournalSequenceNr">The offset of the group's last accepted event (one more per event; the journal holds them in batches).</param>
    private sealed record GroupResponse(
        int Group,
        IReadOnlyList<string> Domains,
        IReadOnlyList<InstanceResponse> Instances,
        string? Active,
        string? Coordinator,
        IReadOnlyList<HostView> Hosts,
        int? ActiveCalls,
        long? JournalSequenceNr,
        string? Error);

    private sealed record GroupsResponse(IReadOnlyList<GroupResponse> Groups);

    private sealed record ActiveCallResponse(string CallId, CallState State, CallEvent Latest);

    private sealed record CallsResponse(int Group, long Offset, int Total, int From, int Limit, IReadOnlyList<ActiveCallResponse> Calls);

    private sealed record ResolveResponse(string Domain, int Group);

    private sealed record CdrsResponse(int Offset, int Limit, IReadOnlyList<CallDetailRecord> Cdrs);
}
