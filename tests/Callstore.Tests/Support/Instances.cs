using ClusterSip.Callstore.Configuration;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>Callstore configurations for tests.</summary>
public static class Instances
{
    public static CallstoreInstance Of(string name, int group, int order, string? iface = null, string[]? domains = null, bool cdr = true, bool sorm3 = false) =>
        new(name, CallstoreInstance.RoleTypeName, iface, "", true, group, order, domains ?? [], cdr, sorm3);

    public static CallstoreOptions Options(params CallstoreInstance[] instances) =>
        new(instances, [], TimeSpan.FromSeconds(10), 1000, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(60));
}
