using Akka.Actor;
using ClusterSip.Node.Registrar;
using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Node.Management;

/// <summary>
/// The location service (Kamailio's ul.dump, ul.lookup, ul.rm): GET /location lists the address-of-records with
/// bindings a page at a time; GET /location/{aor} shows one record's bindings; DELETE /location/{aor} removes them.
/// An address-of-record is given as sip:user@domain (URL-encoded) or user@domain.
/// </summary>
public static class LocationEndpoints
{
    private const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/location", async (ActorSystem system, string? offset, string? limit, CancellationToken cancellationToken) =>
        {
            if (RegistrarServices.Of(system) is not { } registrar) return Off();
            if (!TryPaging(offset, 0, int.MaxValue, out var from) || !TryPaging(limit, 100, MaxPageSize, out var count) || count == 0)
                return Results.BadRequest(new ErrorResponse($"offset must be a whole number >= 0 and limit one from 1 to {MaxPageSize}"));

            return await Answer(async () =>
            {
                var records = await registrar.Location.Records(cancellationToken);
                return Results.Ok(new LocationPageResponse(records.Count, from, count, records.Skip(from).Take(count).ToList()));
            });
        });

        routes.MapGet("/location/{aor}", async (string aor, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (RegistrarServices.Of(system) is not { } registrar) return Off();
            if (Canonical(aor) is not { } record) return BadAor(aor);

            return await Answer(async () =>
            {
                var found = await registrar.Location.Lookup(record, cancellationToken);
                var now = DateTimeOffset.UtcNow;
                return found.Bindings.Length == 0
                    ? Results.NotFound(new ErrorResponse($"{record} has no bindings"))
                    : Results.Ok(new LocationRecordResponse(record, found.Bindings.Select(b => BindingResponse.Of(b, now)).ToList()));
            });
        });

        routes.MapDelete("/location/{aor}", async (string aor, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (RegistrarServices.Of(system) is not { } registrar) return Off();
            if (Canonical(aor) is not { } record) return BadAor(aor);

            return await Answer(async () =>
            {
                var removed = await registrar.Location.Remove(record, cancellationToken);
                return removed.Count == 0
                    ? Results.NotFound(new ErrorResponse($"{record} has no bindings"))
                    : Results.Ok(new LocationRemovedResponse(record, removed.Count));
            });
        });
    }

    private static string? Canonical(string aor)
    {
        var text = aor.Contains(':') ? aor : "sip:" + aor;
        return AnyUri.TryParse(text, out var uri) && uri is SipUri sip ? AddressOfRecord.Of(sip) : null;
    }

    private static bool TryPaging(string? text, int absent, int max, out int value)
    {
        value = absent;
        return text is null || (int.TryParse(text, out value) && value >= 0 && value <= max);
    }

    private static async Task<IResult> Answer(Func<Task<IResult>> ask)
    {
        try
        {
            return await ask();
        }
        catch (AskTimeoutException e)
        {
            return Results.Json(new ErrorResponse($"the location service did not answer in time: {e.Message}"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult Off() =>
        Results.NotFound(new ErrorResponse("the registrar is off on this node (cluster-sip.registrar.domains is empty)"));

    private static IResult BadAor(string aor) =>
        Results.BadRequest(new ErrorResponse($"'{aor}' is not an address-of-record (sip:user@domain or user@domain)"));
}
