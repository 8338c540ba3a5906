using System.Diagnostics.Metrics;
using ClusterSip.Callstore;

namespace ClusterSip.Node.Callstore;

/// <summary>The callstore statistics as instruments of the node's meter factory, exported on GET /metrics.</summary>
public static class CallstoreMeters
{
    public static void Register(IMeterFactory meters, CallstoreStatistics statistics)
    {
        var meter = meters.Create("ClusterSip.Callstore");
        meter.CreateObservableGauge("callstore_active_calls", () => statistics.ActiveCalls, description: "Active calls of the callstore groups active on this node");
        meter.CreateObservableCounter("callstore_events_accepted", () => statistics.EventsAccepted, description: "Call events journaled");
        meter.CreateObservableCounter("callstore_duplicates_dropped", () => statistics.DuplicatesDropped, description: "Repeated call events acknowledged and dropped");
        meter.CreateObservableCounter("callstore_cdrs_written", () => statistics.CdrsWritten, description: "CDRs written");
        meter.CreateObservableCounter("callstore_dead_dialogs_closed", () => statistics.DeadDialogsClosed, description: "Calls ended as node-lost");
        meter.CreateObservableCounter("callstore_handovers", () => statistics.Handovers, description: "Groups that became active here over an existing journal");
    }
}
