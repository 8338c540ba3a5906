using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Tests.Location;

public sealed class ContactOrderTests
{
    private static Binding Binding(string uri, double? q) =>
        new(uri, $"<{uri}>", DateTimeOffset.MaxValue, q, "c", 1, [], null, null, null, null, "n");

    [Fact]
    public void Equal_q_ring_together_and_lower_q_come_later_with_no_q_as_1()
    {
        var groups = ContactOrder.Groups([Binding("sip:low@h", 0.1), Binding("sip:desk@h", 1.0), Binding("sip:mid@h", 0.5), Binding("sip:mobile@h", null)]);
        Assert.Equal([["sip:desk@h", "sip:mobile@h"], ["sip:mid@h"], ["sip:low@h"]], groups.Select(g => g.Select(b => b.Uri).ToArray()).ToArray());
    }

    [Fact]
    public void No_bindings_give_no_groups() => Assert.Empty(ContactOrder.Groups([]));
}
