using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;

namespace ClusterSip.CallEvents.Tests;

public class CallEventsSerializerTests() : TestKit(CallEventsSerializer.Config)
{
    public static TheoryData<object> Messages()
    {
        var e = Samples.OneOfEach().First();
        return
        [
            e,
            new CallEventAck("c-1", 3),
            new AcceptedCallEvent(e, 11010, 42) { Epoch = 8_070_450_532_247_928_832 },
            new GetActiveCalls(),
            new ActiveCallsSnapshot(7, 42, [new ActiveCall(e, CallState.Dialing)]) { Epoch = -5, Since = 40 },
        ];
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_actor_system_carries_every_contract_message_through_this_serializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<CallEventsSerializer>(serializer);

        var manifest = Serialization.ManifestFor(serializer, message);
        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.EndsWith("/1", manifest);
        Equivalence.Same(message, back);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(CallEventAck));

        var error = Assert.Throws<CallEventFormatException>(() => serializer.FromBinary([], "cdr/1"));

        Assert.Contains("cdr/1", error.Message);
    }
}
