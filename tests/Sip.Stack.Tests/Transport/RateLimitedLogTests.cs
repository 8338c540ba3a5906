using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class RateLimitedLogTests
{
    private readonly RecordingLogger _log = new();
    private readonly ManualTime _time = new();
    private readonly RateLimitedLog _faults;

    public RateLimitedLogTests() => _faults = new RateLimitedLog(_log, TimeSpan.FromSeconds(10), _time);

    [Fact]
    public void One_line_per_kind_and_cause_per_interval_then_the_count_of_those_left_out()
    {
        for (var i = 0; i < 5; i++)
        {
            _faults.Warning("UDP receive", new InvalidOperationException("boom " + i), "from 127.0.0.1:5060");
        }

        Assert.Contains("UDP receive failed (from 127.0.0.1:5060): InvalidOperationException: boom 0; 0 more", Assert.Single(_log.Entries).Message);

        _time.Advance(TimeSpan.FromSeconds(10));
        _faults.Warning("UDP receive", new InvalidOperationException("boom 5"), "from 127.0.0.1:5060");

        Assert.Equal(2, _log.Entries.Count);
        Assert.Contains("boom 5; 4 more like it since the last line", _log.Entries[1].Message);
    }

    [Fact]
    public void Another_kind_or_exception_type_is_logged_at_once()
    {
        _faults.Warning("UDP receive", new InvalidOperationException("a"), "x");
        _faults.Warning("TCP receive", new InvalidOperationException("b"), "x");
        _faults.Warning("UDP receive", new ArgumentException("c"), "x");
        _faults.Warning("UDP receive", new InvalidOperationException("d"), "x");

        Assert.Equal(["a", "b", "c"], _log.EntriesWithErrors.Select(e => e.Error!.Message));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
