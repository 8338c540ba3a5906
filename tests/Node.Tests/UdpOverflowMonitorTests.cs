using System.Diagnostics.Metrics;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class UdpOverflowMonitorTests : IDisposable
{
    private readonly RecordingLogger _log = new();
    private readonly Meters _meters = new();
    private string? _snmp = Snmp(inErrors: 100, rcvbufErrors: 90);

    [Fact]
    public void Growth_of_RcvbufErrors_is_one_warning_with_the_count_and_is_exported()
    {
        var monitor = UdpOverflowMonitor.Create(() => _snmp, _log, _meters)!;

        _snmp = Snmp(inErrors: 110, rcvbufErrors: 97);
        monitor.Poll();

        var (level, message) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("UDP receive buffer overflowed: 7 datagrams dropped in the last 5 s (host-wide counter); " +
            "a larger buffer (cluster-sip.sip.udp-receive-buffer-size, net.core.rmem_max) rides out longer pauses", message);
        Assert.Equal(7, _meters.Observe("receive_buffer_errors"));
        Assert.Equal(10, _meters.Observe("in_errors"));
    }

    [Fact]
    public void Unchanged_counters_log_nothing_and_a_later_growth_adds_up()
    {
        var monitor = UdpOverflowMonitor.Create(() => _snmp, _log, _meters)!;

        monitor.Poll();
        Assert.Empty(_log.Entries);
        Assert.Equal(0, _meters.Observe("receive_buffer_errors"));

        _snmp = Snmp(inErrors: 103, rcvbufErrors: 93);
        monitor.Poll();
        _snmp = Snmp(inErrors: 104, rcvbufErrors: 94);
        monitor.Poll();

        Assert.Equal(2, _log.Entries.Count);
        Assert.Equal(4, _meters.Observe("receive_buffer_errors"));
    }

    [Fact]
    public void A_reading_that_fails_is_skipped_and_the_next_counts_what_it_missed()
    {
        var monitor = UdpOverflowMonitor.Create(() => _snmp, _log, _meters)!;

        _snmp = null;
        monitor.Poll();
        _snmp = "Udp: InErrors\nUdp: 1\n";
        monitor.Poll();
        _snmp = Snmp(inErrors: 105, rcvbufErrors: 95);
        monitor.Poll();

        Assert.Contains(" 5 datagrams dropped", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public void A_counter_that_went_down_was_reset_and_counts_from_zero()
    {
        var monitor = UdpOverflowMonitor.Create(() => _snmp, _log, _meters)!;

        _snmp = Snmp(inErrors: 3, rcvbufErrors: 2);
        monitor.Poll();

        Assert.Equal(2, _meters.Observe("receive_buffer_errors"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Ip: Forwarding\nIp: 2\n")]
    public void Without_readable_counters_the_monitor_is_off_and_says_so_once(string? snmp)
    {
        Assert.Null(UdpOverflowMonitor.Create(() => snmp, _log, _meters));

        var (level, message) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("UDP overflow monitor disabled", message);
        Assert.Null(_meters.Observe("receive_buffer_errors"));
    }

    public void Dispose() => _meters.Dispose();

    private static string Snmp(long inErrors, long rcvbufErrors) =>
        $"Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors\n" +
        $"Udp: 1000 0 {inErrors} 1000 {rcvbufErrors} 0 0 0 0\n";

    /// <summary>Creates the monitor's meter and reads its observable counters.</summary>
    private sealed class Meters : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _created.Add(meter);
            return meter;
        }

        /// <summary>The current value of the instrument; null when it does not exist.</summary>
        public long? Observe(string instrument)
        {
            long? value = null;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Scope == this && i.Name == instrument)
                    l.EnableMeasurementEvents(i);
            };
            listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
            listener.Start();
            listener.RecordObservableInstruments();
            return value;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
