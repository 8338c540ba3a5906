using System.Text;

namespace ClusterSip.CallEvents.Tests;

public class CallEventJsonTests
{
    public static TheoryData<CallEvent> Events() => [.. Samples.OneOfEach()];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_type_survives_a_round_trip_with_its_own_fields(CallEvent e)
    {
        var json = CallEventJson.Encode(e);

        var back = CallEventJson.Decode<CallEvent>(json);

        Equivalence.Same(e, back);
        Assert.Contains($"\"type\":\"{e.Type}\"", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void Enums_and_fields_are_written_by_name_in_camel_case()
    {
        var held = Samples.OneOfEach().OfType<CallHeld>().Single();

        var json = Encoding.UTF8.GetString(CallEventJson.Encode<CallEvent>(held));

        Assert.Contains("\"by\":\"Callee\"", json);
        Assert.Contains("\"sipCallId\":\"abc@host\"", json);
    }

    [Fact]
    public void A_field_added_by_a_later_version_is_ignored()
    {
        const string json = """{"type":"CallRinging","branchId":"2","statusCode":180,"ringTone":"uk","callId":"c","sipCallId":"s","sequence":3,"domain":"d","from":{"displayName":"","uri":"sip:a@d","tag":"x"},"to":{"displayName":"","uri":"sip:b@d"},"node":"n","time":"2026-11-29T18:00:00Z","userData":{}}""";

        var e = Assert.IsType<CallRinging>(CallEventJson.Decode<CallEvent>(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(("2", 180, 3L), (e.BranchId, e.StatusCode, e.Sequence));
    }

    [Fact]
    public void Missing_user_data_reads_as_empty()
    {
        const string json = """{"type":"CallInitiated","callId":"c","sipCallId":"s","sequence":1,"domain":"d","from":{"displayName":"","uri":"sip:a@d"},"to":{"displayName":"","uri":"sip:b@d"},"node":"n","time":"2026-11-29T18:00:00Z"}""";

        Assert.Empty(CallEventJson.Decode<CallEvent>(Encoding.UTF8.GetBytes(json)).UserData);
    }

    [Theory]
    [InlineData("""{"type":"CallParked","callId":"c","sipCallId":"s","sequence":1,"domain":"d","from":{"displayName":"","uri":"u"},"to":{"displayName":"","uri":"u"},"node":"n","time":"2026-11-29T18:00:00Z"}""", "CallParked")]
    [InlineData("""{"type":"CallRinging","callId":"c","sipCallId":"s","sequence":1,"domain":"d","from":{"displayName":"","uri":"u"},"to":{"displayName":"","uri":"u"},"node":"n","time":"2026-11-29T18:00:00Z"}""", "branchId")]
    [InlineData("""{"type":"CallInitiated","callId":"c",""", "CallEvent")]
    [InlineData("""{"type":"CallInitiated","callId":"c","sipCallId":"s","sequence":"one","domain":"d","from":{"displayName":"","uri":"u"},"to":{"displayName":"","uri":"u"},"node":"n","time":"2026-11-29T18:00:00Z"}""", "sequence")]
    public void Unreadable_input_is_a_format_error_naming_what_is_wrong(string json, string named)
    {
        var error = Assert.Throws<CallEventFormatException>(() => CallEventJson.Decode<CallEvent>(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(named, error.Message);
    }
}
