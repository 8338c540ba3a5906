using System.Text;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy.Tests;

public class SessionCacheTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void A_cache_keeps_at_most_its_count_and_gives_up_the_oldest()
    {
        var budget = new CacheBudget(1_000);
        var cache = new SessionCache(3, Hour, budget);
        for (var i = 0; i < 5; i++) Add(cache, 0);

        Assert.Equal(3, cache.Count);
        Assert.Equal(["3", "4", "5"], Lines(cache.After(null)!));
        Assert.Null(cache.After(1)); // line 2 went: a resume from 1 is a reset
        Assert.Equal(3, budget.Held);
    }

    [Fact]
    public void Lines_older_than_the_age_bound_go_at_the_next_trim()
    {
        var budget = new CacheBudget(1_000);
        var cache = new SessionCache(100, TimeSpan.FromSeconds(10), budget);
        Add(cache, 0);
        Add(cache, 5_000);

        cache.Trim(12_000);

        Assert.Equal(["2"], Lines(cache.After(null)!));
        Assert.Equal(1, budget.Held);
    }

    [Fact]
    public void Over_the_node_budget_a_cache_above_its_even_share_gives_up_its_oldest_lines()
    {
        var budget = new CacheBudget(10);
        var big = Session(budget);
        var small = Session(budget);
        for (var i = 0; i < 10; i++) Add(big, 0);
        for (var i = 0; i < 4; i++) Add(small, 0);

        // 14 held, 10 allowed: the small one is within its share (5) and keeps what it has, so the big one, which
        // gets no events, gives up its oldest at its next trim tick.
        Assert.Equal((10, 4, 14L), (big.Count, small.Count, budget.Held));
        big.Trim(0);
        Assert.Equal((6, 10L), (big.Count, budget.Held));

        // The small one grows to its share, then gives up its own oldest for each new line; the big one's surplus
        // goes at its next tick.
        Add(small, 0);
        Add(small, 0);
        Assert.Equal((6, 5, 11L), (big.Count, small.Count, budget.Held));
        big.Trim(0);
        Assert.Equal((5, 10L), (big.Count, budget.Held));
    }

    [Fact]
    public void A_stopped_session_releases_its_lines_and_its_share()
    {
        var budget = new CacheBudget(10);
        var first = Session(budget);
        var second = Session(budget);
        for (var i = 0; i < 5; i++) Add(first, 0);
        for (var i = 0; i < 5; i++) Add(second, 0);

        second.Clear();
        budget.SessionStopped();
        for (var i = 0; i < 5; i++) Add(first, 0);

        Assert.Equal((10, 10L), (first.Count, budget.Held));
    }

    private static SessionCache Session(CacheBudget budget)
    {
        budget.SessionStarted();
        return new SessionCache(1_000, Hour, budget);
    }

    private static void Add(SessionCache cache, long nowMs) =>
        cache.Add(sequence => Encoding.ASCII.GetBytes(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), nowMs);

    private static IEnumerable<string> Lines(IReadOnlyList<byte[]> lines) => lines.Select(l => Encoding.ASCII.GetString(l));
}
