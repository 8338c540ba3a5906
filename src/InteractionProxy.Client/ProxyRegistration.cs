using System.Text.Json.Nodes;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>What a client registers with: the AttributeExtensions of its TPrivateService (docs/iproxy-protocol.md).</summary>
/// <param name="UdataFilter">The user data keys wanted: null = all user data, empty = none, else only these.</param>
/// <param name="SequenceId">The last SequenceId received: a resume re-sends what followed it; null = every cached event.</param>
/// <param name="Secret">The ClusterId's shared secret, when the proxy asks for one.</param>
public sealed record ProxyRegistration(
    string ClusterId,
    string NodeId,
    string SessionId,
    IReadOnlyList<string>? UdataFilter = null,
    bool InteractionSnapshot = true,
    long? SequenceId = null,
    string? Secret = null)
{
    /// <summary>The TPrivateService line, without its "\n".</summary>
    public string ToLine()
    {
        var attributes = new JsonObject { ["ClusterId"] = ClusterId, ["NodeId"] = NodeId, ["SessionId"] = SessionId };
        if (UdataFilter is not null)
        {
            var filter = new JsonObject();
            for (var i = 0; i < UdataFilter.Count; i++) filter[$"key-{i + 1}"] = UdataFilter[i];
            attributes["UdataFilter"] = filter;
        }
        if (!InteractionSnapshot) attributes["InteractionSnapshot"] = "false";
        if (SequenceId is { } sequence) attributes["SequenceId"] = SequenceIds.Format(sequence);
        if (Secret is not null) attributes["Secret"] = Secret;
        return new JsonObject { ["message"] = "TPrivateService", ["AttributeExtensions"] = attributes }.ToJsonString();
    }
}
