using System.Text.Json;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>The EventACK that answered a registration.</summary>
/// <param name="Resumed">session-status "resume" (the missed events follow); false: "reset" (a snapshot follows, if asked for).</param>
public sealed record ProxyAck(int EventsInCache, bool Resumed)
{
    public static bool TryRead(ServerLine line, out ProxyAck? ack)
    {
        ack = null;
        if (line.Message != ServerLine.EventAck
            || !line.Json.TryGetProperty("AttributeExtensions", out var attributes) || attributes.ValueKind != JsonValueKind.Object
            || !attributes.TryGetProperty("events-in-cache", out var count) || !count.TryGetInt32(out var events)
            || !attributes.TryGetProperty("session-status", out var status) || status.ValueKind != JsonValueKind.String
            || status.GetString() is not ("reset" or "resume"))
            return false;
        ack = new ProxyAck(events, status.GetString() == "resume");
        return true;
    }
}
