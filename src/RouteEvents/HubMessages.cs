using System.Threading.Channels;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.RouteEvents;

/// <summary>A transaction waits for events named <paramref name="Name"/> matching <paramref name="Filter"/>; they are written to <paramref name="Events"/>.</summary>
/// <param name="Once">Ends after the first matching event (WaitFor); otherwise each one is delivered (Subscribe).</param>
internal sealed record Watch(long Id, string Name, IReadOnlyDictionary<string, string> Filter, ChannelWriter<RouteEvent> Events, bool Once, TimeSpan Timeout);

/// <summary>The watch ends: its transaction ended, or its timeout passed.</summary>
internal sealed record Unwatch(long Id);

/// <summary>Asks a node's hub how many transactions wait for events there (answered with an int).</summary>
internal sealed record CountWatches
{
    public static readonly CountWatches Instance = new();
}
