using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ClusterSip.CallEvents;

/// <summary>
/// Carries the contract's messages between nodes as <see cref="CallEventJson"/>, the manifest naming the message kind
/// and the schema version. An ActorSystem that exchanges them falls back to <see cref="Config"/>.
/// </summary>
public sealed class CallEventsSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly Dictionary<string, Type> Kinds = new(StringComparer.Ordinal)
    {
        ["event"] = typeof(CallEvent),
        ["ack"] = typeof(CallEventAck),
        ["accepted"] = typeof(AcceptedCallEvent),
        ["active?"] = typeof(GetActiveCalls),
        ["active"] = typeof(ActiveCallsSnapshot),
    };

    /// <summary>Binds the contract's messages to this serializer.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.call-events = "{{Name<CallEventsSerializer>()}}"
          serialization-bindings {
            "{{Name<CallEvent>()}}" = call-events
            "{{Name<CallEventAck>()}}" = call-events
            "{{Name<AcceptedCallEvent>()}}" = call-events
            "{{Name<GetActiveCalls>()}}" = call-events
            "{{Name<ActiveCallsSnapshot>()}}" = call-events
          }
        }
        """);

    public override int Identifier => 5101;

    private static string Name<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    public override string Manifest(object o) => KindOf(o) + "/" + CallEventJson.SchemaVersion;

    public override byte[] ToBinary(object obj) => obj switch
    {
        CallEvent e => CallEventJson.Encode(e),
        CallEventAck a => CallEventJson.Encode(a),
        AcceptedCallEvent a => CallEventJson.Encode(a),
        GetActiveCalls g => CallEventJson.Encode(g),
        ActiveCallsSnapshot s => CallEventJson.Encode(s),
        _ => throw new ArgumentException($"{obj.GetType()} is not a call event contract message", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var kind = manifest.Split('/')[0];
        return Kinds.TryGetValue(kind, out var type)
            ? CallEventJson.Decode(type, bytes)
            : throw new CallEventFormatException($"unknown call event manifest '{manifest}'");
    }

    private static string KindOf(object o) => o switch
    {
        CallEvent => "event",
        CallEventAck => "ack",
        AcceptedCallEvent => "accepted",
        GetActiveCalls => "active?",
        ActiveCallsSnapshot => "active",
        _ => throw new ArgumentException($"{o.GetType()} is not a call event contract message", nameof(o)),
    };
}
