using System.Reflection;
using System.Text;
using System.Text.Json;
using ClusterSip.InteractionProxy.Tests.Support;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class ProtocolDocTests
{
    private static readonly string Doc = File.ReadAllText(typeof(ProtocolDocTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProtocolDoc").Value!);

    [Fact]
    public void Every_client_line_of_the_example_session_is_a_line_the_server_understands()
    {
        var client = ExampleLines("C: ");
        Assert.Equal(3, client.Count);
        Assert.Equal(2, client.Select(l => ClientLineParser.Parse(Encoding.UTF8.GetBytes(l))).OfType<RegistrationLine>().Count());
        var resumed = (RegistrationLine)ClientLineParser.Parse(Encoding.UTF8.GetBytes(client[2]));
        Assert.Equal(4L, resumed.Registration.SequenceId);
        Assert.Equal(["queue"], resumed.Registration.UdataFilter);
        Assert.IsType<UnknownMessageLine>(ClientLineParser.Parse(Encoding.UTF8.GetBytes(client[1])));
    }

    [Fact]
    public void Every_server_line_of_the_example_session_is_JSON_with_a_message_and_sequence_ids_go_up_by_one()
    {
        var server = ExampleLines("S: ").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(8, server.Count);
        Assert.All(server, l => Assert.False(string.IsNullOrEmpty(l.Name())));
        var sequences = server.Where(l => l.TryGetProperty("SequenceId", out _)).Select(l => l.Sequence()).ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], sequences);
    }

    [Fact]
    public void The_example_event_lines_are_exactly_what_the_server_writes()
    {
        var ringing = ExampleLines("S: ")[1];
        var written = Encoding.UTF8.GetString(ServerLines.Event(1, new Interactions.InteractionEvent(
            "EventRinging", "c-5f1c2d", "a84b4c76e66710@pc33.example.com", "sip:alice@example.com", "sip:bob@example.com",
            new Dictionary<string, string>(), "cluster-sip@127.0.0.1:4101", DateTimeOffset.Parse("2026-11-29T18:00:00.200Z"), Snapshot: true), null));
        Assert.Equal(ringing + "\n", written);
        Assert.Equal(ExampleLines("S: ")[2] + "\n", Encoding.UTF8.GetString(ServerLines.EndOfSnapshot(2)));
        Assert.Equal(ExampleLines("S: ")[0] + "\n", Encoding.UTF8.GetString(ServerLines.Ack(0, resumed: false)));
    }

    private static List<string> ExampleLines(string prefix)
    {
        var start = Doc.IndexOf("```text", Doc.IndexOf("## Example session", StringComparison.Ordinal), StringComparison.Ordinal);
        var end = Doc.IndexOf("```", start + 7, StringComparison.Ordinal);
        return Doc[start..end].Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();
    }
}
