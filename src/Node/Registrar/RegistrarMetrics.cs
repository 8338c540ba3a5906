using System.Diagnostics.Metrics;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Node.Registrar;

/// <summary>The usrloc and registrar statistics as instruments of the Meter ClusterSip.Registrar, exported on /metrics.</summary>
public static class RegistrarMetrics
{
    public const string MeterName = "ClusterSip.Registrar";

    public static void Register(IMeterFactory meters, UsrlocStatistics usrloc, RegistrarStatistics registrar)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("usrloc_registered_users", () => usrloc.Users, description: "Address-of-records with a binding, hosted on this node.");
        meter.CreateObservableUpDownCounter("usrloc_location_contacts", () => usrloc.Contacts, description: "Bindings hosted on this node.");
        meter.CreateObservableCounter("usrloc_location_expires", () => usrloc.Expired, description: "Bindings that expired on this node.");
        meter.CreateObservableCounter("registrar_accepted_regs", () => registrar.Snapshot()["accepted_regs"], description: "REGISTERs answered 200 by this node.");
        meter.CreateObservableCounter("registrar_rejected_regs", () => registrar.Snapshot()["rejected_regs"], description: "REGISTERs this node answered with an error.");
    }
}
