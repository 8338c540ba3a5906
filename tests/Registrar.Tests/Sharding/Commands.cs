using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Tests.Sharding;

/// <summary>Checked REGISTERs as the route hands them to the location service.</summary>
public static class Commands
{
    public static RegisterCommand Register(string aor, string contact, int expires, uint cseq = 1, string node = "node-a") =>
        new(aor, false, [new ContactRequest(contact, $"<{contact}>", expires, null, null, null)], "call-" + aor, cseq, [], "udp:192.0.2.10:5060", "test-ua", node);
}
