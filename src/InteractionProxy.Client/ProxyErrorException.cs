namespace ClusterSip.InteractionProxy.Client;

/// <summary>The server refused the client: it answered with an EventError, or not as the protocol says.</summary>
/// <param name="ErrorCode">The EventError's ErrorCode (docs/iproxy-protocol.md); null when the answer was no EventError.</param>
public sealed class ProxyErrorException(string message, int? errorCode) : Exception(message)
{
    public int? ErrorCode { get; } = errorCode;

    public static ProxyErrorException From(ServerLine error) => new(
        $"EventError {Code(error)}: {(error.Json.TryGetProperty("ErrorMessage", out var text) ? text.GetString() : "(no ErrorMessage)")}",
        Code(error));

    private static int? Code(ServerLine error) =>
        error.Json.TryGetProperty("ErrorCode", out var code) && code.TryGetInt32(out var value) ? value : null;
}
