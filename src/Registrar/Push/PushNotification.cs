using System.Text.Json.Serialization;

namespace ClusterSip.Registrar.Push;

/// <summary>The JSON body of a push: who is called, by whom, in which call.</summary>
public sealed record PushNotification(
    [property: JsonPropertyName("aor")] string Aor,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("call-id")] string CallId);
