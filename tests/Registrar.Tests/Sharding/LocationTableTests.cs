using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;

namespace ClusterSip.Registrar.Tests.Sharding;

public sealed class LocationTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly UsrlocStatistics _statistics = new();
    private readonly LocationTable _table;

    public LocationTableTests() => _table = new LocationTable(ClusterNodes.Policy, _statistics);

    [Fact]
    public void A_change_is_counted_and_a_query_or_rejection_is_not_a_change()
    {
        Assert.True(_table.Register(Commands.Register("sip:a@example.com", "sip:a@192.0.2.1", 60), Now).Changed);
        Assert.Equal((1, 1), (_statistics.Users, _statistics.Contacts));

        var query = Commands.Register("sip:a@example.com", "sip:a@192.0.2.1", 60, cseq: 2) with { Contacts = [] };
        Assert.False(_table.Register(query, Now).Changed);
        var (outOfOrder, changed) = _table.Register(Commands.Register("sip:a@example.com", "sip:a@192.0.2.1", 60, cseq: 1), Now);
        Assert.Equal((400, false), (outOfOrder.Status, changed));
        Assert.Single(_table.Live("sip:a@example.com", Now));
    }

    [Fact]
    public void The_sweep_drops_what_expired_only_after_the_earliest_expiry()
    {
        _table.Register(Commands.Register("sip:a@example.com", "sip:a@192.0.2.1", 10), Now);
        _table.Register(Commands.Register("sip:b@example.com", "sip:b@192.0.2.2", 20), Now);

        _table.Sweep(Now.AddSeconds(5));
        Assert.Equal((2, 0L), (_statistics.Contacts, _statistics.Expired));
        Assert.Empty(_table.Live("sip:a@example.com", Now.AddSeconds(10)));

        _table.Sweep(Now.AddSeconds(10));
        Assert.Equal((1, 1L), (_statistics.Contacts, _statistics.Expired));
        Assert.Equal(["sip:b@example.com"], _table.Records(Now.AddSeconds(10)));
    }

    [Fact]
    public void Remove_tells_a_missing_record_from_an_empty_one()
    {
        Assert.Null(_table.Remove("sip:none@example.com", Now));
        _table.Register(Commands.Register("sip:a@example.com", "sip:a@192.0.2.1", 10), Now);
        Assert.Equal(0, _table.Remove("sip:a@example.com", Now.AddSeconds(11)));
        Assert.Equal((0, 0), (_statistics.Users, _statistics.Contacts));
    }

    [Fact]
    public void Restored_records_are_counted_the_expired_ones_dropped_and_uncount_gives_them_back()
    {
        var live = Binding("sip:a@192.0.2.1", Now.AddSeconds(60));
        _table.Restore("sip:a@example.com", [live, Binding("sip:a@192.0.2.9", Now.AddSeconds(-1))]);
        _table.Restore("sip:gone@example.com", [Binding("sip:g@192.0.2.3", Now.AddSeconds(60))]);
        _table.Restore("sip:gone@example.com", []);
        _table.Restored(Now);

        Assert.Equal((1, 1, 1L), (_statistics.Users, _statistics.Contacts, _statistics.Expired));
        Assert.Equal([new RecordStored("sip:a@example.com", [live])], _table.Snapshot(), new RecordComparer());

        _table.Uncount();
        Assert.Equal((0, 0), (_statistics.Users, _statistics.Contacts));
    }

    private static Binding Binding(string uri, DateTimeOffset expiresAt) =>
        new(uri, $"<{uri}>", expiresAt, null, "call", 1, [], null, null, null, null, "node");

    private sealed class RecordComparer : IEqualityComparer<RecordStored>
    {
        public bool Equals(RecordStored? x, RecordStored? y) => x!.Aor == y!.Aor && x.Bindings.SequenceEqual(y.Bindings);

        public int GetHashCode(RecordStored obj) => obj.Aor.GetHashCode();
    }
}
