using System.Text.Json;

namespace ClusterSip.Node.Management;

/// <summary>Reads string fields from a request body sent as JSON ({"address": "…"}) or as a form (address=…).</summary>
public static class RequestField
{
    public static async Task<(string? Value, string? Error)> ReadAsync(HttpRequest request, string field)
    {
        var (values, error) = await ReadAsync(request, [field]);
        return (values?[0], error);
    }

    /// <summary>All the named fields, in order, or the first problem.</summary>
    public static async Task<(IReadOnlyList<string>? Values, string? Error)> ReadAsync(HttpRequest request, IReadOnlyList<string> fields)
    {
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                var missing = fields.FirstOrDefault(f => form[f].ToString().Length == 0);
                return missing is null ? (fields.Select(f => form[f].ToString()).ToList(), null) : (null, $"form field '{missing}' is missing");
            }
            catch (InvalidDataException e)
            {
                return (null, $"the form body does not parse: {e.Message}");
            }
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var values = new List<string>();
            foreach (var field in fields)
            {
                if (body.RootElement.ValueKind == JsonValueKind.Object
                    && body.RootElement.TryGetProperty(field, out var property)
                    && property.ValueKind == JsonValueKind.String
                    && property.GetString() is { Length: > 0 } value)
                {
                    values.Add(value);
                }
                else
                {
                    var example = string.Join(", ", fields.Select(f => $"\"{f}\": \"…\""));
                    return (null, $"the body must be a JSON object with a string field '{field}', e.g. {{{example}}}");
                }
            }

            return (values, null);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {e.Message}");
        }
    }
}
