using System.Text.Json;

namespace ClusterSip.Node.Management;

/// <summary>Reads one string field from a request body sent as JSON ({"address": "…"}) or as a form (address=…).</summary>
public static class RequestField
{
    public static async Task<(string? Value, string? Error)> ReadAsync(HttpRequest request, string field)
    {
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                var value = form[field].ToString();
                return value.Length > 0 ? (value, null) : (null, $"form field '{field}' is missing");
            }
            catch (InvalidDataException e)
            {
                return (null, $"the form body does not parse: {e.Message}");
            }
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                   && body.RootElement.TryGetProperty(field, out var property)
                   && property.ValueKind == JsonValueKind.String
                   && property.GetString() is { Length: > 0 } value
                ? (value, null)
                : (null, $"the body must be a JSON object with a string field '{field}', e.g. {{\"{field}\": \"…\"}}");
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {e.Message}");
        }
    }
}
