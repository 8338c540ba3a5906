using System.Diagnostics.Metrics;
using ClusterSip.Callstore;

namespace ClusterSip.Node.Callstore;

/// <summary>The callstore statistics as instruments of the node's meter factory, exported on GET /metrics (callstore_*).</summary>
public static class CallstoreMeters
{
    public static void Register(IMeterFactory meters, CallstoreStatistics statistics)
    {
        var meter = meters.Create("ClusterSip.Callstore");
        meter.CreateObservableGauge("callstore_active_calls", () => statistics.ActiveCalls, description: "Active calls of the callstore groups active on this node");
        foreach (var name in statistics.Totals().Keys)
            meter.CreateObservableCounter($"callstore_{name}", () => statistics.Totals()[name], description: $"Callstore {name.Replace('_', ' ')} since the node started");
    }
}
