using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ClusterSip.CallEvents.Tests;

/// <summary>docs/call-events.md is the contract: each of its JSON examples must decode, and every event type must have one.</summary>
public partial class DocumentedExamplesTests
{
    private static string Doc() => File.ReadAllText(typeof(DocumentedExamplesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CallEventsDoc").Value!);

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [Fact]
    public void Every_example_decodes_and_every_event_type_has_one()
    {
        var decoded = JsonBlock().Matches(Doc())
            .Select(m => CallEventJson.Decode<CallEvent>(Encoding.UTF8.GetBytes(m.Groups[1].Value)))
            .ToList();

        var documented = decoded.Select(e => e.Type).ToHashSet();
        var all = typeof(CallEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CallEvent))).Select(t => t.Name);
        Assert.Empty(all.Except(documented));
    }

    [Fact]
    public void The_documented_call_numbers_its_events_from_one_without_gaps()
    {
        var call = JsonBlock().Matches(Doc())
            .Select(m => CallEventJson.Decode<CallEvent>(Encoding.UTF8.GetBytes(m.Groups[1].Value)))
            .Where(e => e.CallId == "c-5f1c2d")
            .Select(e => e.Sequence);

        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), call);
    }
}
