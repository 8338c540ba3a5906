using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>
/// A UDP listener flags the messages it receives while its receive queue stays backed up. SO_MEMINFO is Linux's, as
/// the node's deployment is; elsewhere the listener never flags, which the last test checks.
/// </summary>
public sealed class UdpOverloadTests
{
    [Fact]
    public async Task The_kernel_reports_the_bytes_waiting_in_a_receive_queue()
    {
        if (!ReceiveBacklog.IsAvailable)
        {
            return;
        }

        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var peer = new UdpPeer();

        Assert.Equal(0, ReceiveBacklog.Read(receiver));
        for (var i = 0; i < 20; i++)
        {
            await peer.SendAsync(new byte[500], (IPEndPoint)receiver.LocalEndPoint!);
        }

        // A loopback send is queued at the receiver before it returns.
        Assert.True(ReceiveBacklog.Read(receiver) >= 20 * 500);
        var buffer = new byte[1000];
        while (receiver.Available > 0)
        {
            receiver.Receive(buffer);
        }

        Assert.Equal(0, ReceiveBacklog.Read(receiver));
    }

    [Fact]
    public async Task Messages_are_flagged_while_the_queue_stays_backed_up_and_not_once_it_drained()
    {
        var sink = new GatedSink();
        var settings = Loopback.Settings() with { UdpOverload = new UdpOverloadSettings(BacklogBytes: 8 * 1024, After: TimeSpan.Zero) };
        await using var layer = await Loopback.StartAsync(sink, settings);
        using var peer = new UdpPeer();

        // The first message holds the receive thread while 40 more queue up behind it.
        await peer.SendAsync(Options(peer, "gate"), layer.Udp());
        await sink.Entered.Task.WaitAsync(Wait.Bound);
        for (var i = 0; i < 40; i++)
        {
            await peer.SendAsync(Options(peer, "queued" + i), layer.Udp());
        }

        await Task.Delay(20); // past the sample interval (10 ms): the next datagram taken samples the full queue
        sink.Open();

        var flagged = new List<bool>();
        for (var i = 0; i < 41; i++)
        {
            flagged.Add((await sink.NextAsync()).Overloaded);
        }

        Assert.False(flagged[0]);
        Assert.Equal(ReceiveBacklog.IsAvailable, flagged[1]);

        // Drained: the next sample (one per 10 ms at most) clears the flag.
        await Task.Delay(30);
        await peer.SendAsync(Options(peer, "after"), layer.Udp());
        Assert.False((await sink.NextAsync()).Overloaded);
    }

    private static string Options(UdpPeer peer, string callId) => SipText.Options(SipText.UdpVia(peer.SentBy), callId);

    /// <summary>Blocks the receive thread on the first message until <see cref="Open"/>, then records.</summary>
    private sealed class GatedSink : ISipMessageSink
    {
        private readonly RecordingSink _messages = new();
        private readonly ManualResetEventSlim _gate = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.Set();

        public void OnMessage(InboundMessage message)
        {
            if (Entered.TrySetResult())
            {
                _gate.Wait(Wait.Bound);
            }

            _messages.OnMessage(message);
        }

        public Task<InboundMessage> NextAsync() => _messages.NextAsync();
    }
}
