using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests;

/// <summary>What a group store journals and snapshots goes through <see cref="StoreSerializer"/> and comes back the same.</summary>
public sealed class StoreSerializerTests() : TestKit(StoreSerializer.Config)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_with_every_event_type_comes_back_the_same_under_its_manifest()
    {
        var call = new Calls("c-1", "example.com", "cluster-sip@127.0.0.1:4053", Start);
        var events = new List<CallEvent>
        {
            call.Initiated(), call.Forked("1", "sip:bob@192.0.2.4", 0.1), call.Ringing("1", 0.2), call.Answered("1", 1),
            call.Held(PartyRole.Callee, 2), call.Retrieved(PartyRole.Callee, 3), call.UserDataChanged("queue", "sales", 3.5),
            call.Transferred("sip:carol@example.com", 4), call.Released(PartyRole.Caller, 5),
            new Calls("c-2", "example.com", "n2", Start.ToOffset(TimeSpan.FromHours(3))).Failed(FailureCauses.NodeLost, 500, 1),
        };
        Assert.Equal(AllEventTypes(), events.Select(e => e.GetType()).ToHashSet());

        var (back, manifest) = RoundTrip(new EventBatch(41, events));

        Assert.Equal(StoreSerializer.BatchManifest, manifest);
        var batch = Assert.IsType<EventBatch>(back);
        Assert.Equal(41, batch.FirstOffset);
        Assert.Equal(events.Select(Json), batch.Events.Select(Json));
        Assert.Equal("sales", batch.Events.OfType<UserDataChanged>().Single().UserData["queue"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)] // 256 bytes of UTF-8
    [InlineData(129)]
    [InlineData(5000)]
    public void Strings_of_any_length_and_script_come_back_the_same(int length)
    {
        var value = string.Concat(Enumerable.Repeat("Ωя", length))[..length];
        var e = new Calls("c-1", "example.com", "n1", Start).UserDataChanged("note", value, 1);

        var batch = Assert.IsType<EventBatch>(RoundTrip(new EventBatch(1, [e])).Back);

        Assert.Equal(value, Assert.Single(batch.Events).UserData["note"]);
    }

    [Fact]
    public void A_snapshot_comes_back_the_same_under_its_manifest()
    {
        var active = new Calls("c-active", "example.com", "n1", Start);
        var snapshot = new StoreSnapshot(1234, [active.Initiated(), active.Ringing("1", 0.5)], [new EndedCall("c-ended", 5)]);

        var (back, manifest) = RoundTrip(snapshot);

        Assert.Equal(StoreSerializer.SnapshotManifest, manifest);
        var restored = Assert.IsType<StoreSnapshot>(back);
        Assert.Equal((1234L, new EndedCall("c-ended", 5)), (restored.Offset, Assert.Single(restored.Ended)));
        Assert.Equal(snapshot.Events.Select(Json), restored.Events.Select(Json));
    }

    [Theory]
    [InlineData("snapshot/1")]
    [InlineData("event/1")]
    [InlineData("")]
    public void An_unknown_manifest_fails_naming_it(string manifest)
    {
        var serializer = Serializer();
        var bytes = serializer.ToBinary(new EventBatch(1, []));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, manifest));

        Assert.Contains($"'{manifest}'", error.Message);
    }

    [Fact]
    public void A_cut_entry_fails_as_damaged()
    {
        var bytes = Serializer().ToBinary(new EventBatch(1, new Calls("c-1", "example.com", "n1", Start).Answered(talkSeconds: 1)));

        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary(bytes[..^3], StoreSerializer.BatchManifest));

        Assert.Contains("EventBatch is damaged", error.Message);
    }

    [Fact]
    public void An_event_kind_this_version_does_not_know_fails_naming_it()
    {
        var bytes = Serializer().ToBinary(new EventBatch(1, [new Calls("c-1", "example.com", "n1", Start).Initiated()]));
        bytes[9] = 99; // after the first offset (8 bytes) and the event count (1 byte): the event's kind

        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary(bytes, StoreSerializer.BatchManifest));

        Assert.Contains("unknown call event kind 99", error.Message);
    }

    private (object Back, string Manifest) RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<StoreSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest), manifest);
    }

    private SerializerWithStringManifest Serializer() => (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(EventBatch));

    /// <summary>Records compare collections by reference; two events are the same when their JSON is.</summary>
    private static string Json(CallEvent e) => JsonSerializer.Serialize(e, e.GetType());

    private static HashSet<Type> AllEventTypes() =>
        typeof(CallEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
}
