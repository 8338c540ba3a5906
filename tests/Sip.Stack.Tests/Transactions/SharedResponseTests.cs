using System.Collections.Concurrent;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>
/// A lingering transaction answers retransmissions from every receive thread at once with one response: the bytes
/// kept at hand-off, in a message the transaction no longer holds.
/// </summary>
public sealed class SharedResponseTests(ITestOutputHelper output) : TmTestKit(output)
{
    private const int Threads = 8;
    private const int PerThread = 25;

    [Fact]
    public void Retransmissions_answered_from_many_threads_at_once_all_get_the_bytes_first_sent()
    {
        var transport = new InstanceRecordingTransport(Transport);
        var env = Env(new DelegateRouteScript(c => c.TReply(200, "OK"))) with { Transport = transport };
        var layer = StartLayer(env);
        var options = Request("OPTIONS");
        layer.OnMessage(From(options, Caller));
        ExpectResponse(200);
        var key = TransactionKey.ForServer(options, options.Method, ruriMatching: true, via1Matching: true)!.Value;
        AwaitAssert(() => Assert.Null(env.Index.FindServer(key))); // handed over: the actor stopped

        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                layer.OnMessage(From(Request("OPTIONS"), Caller));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        AwaitAssert(() => Assert.Equal(1 + Threads * PerThread, transport.Responses.Count), TimeSpan.FromSeconds(10));
        var sent = transport.Responses.ToArray();
        var first = sent.Single(s => s.Instance == transport.First);
        Assert.All(sent, s => Assert.Equal(first.Bytes, s.Bytes));
        // The transaction's own instance is never shared between threads: every retransmission uses the one kept copy.
        var retransmitted = sent.Where(s => s.Instance != transport.First).ToList();
        Assert.Equal(Threads * PerThread, retransmitted.Count);
        Assert.Single(retransmitted.Select(s => s.Instance).Distinct());
    }

    private sealed class InstanceRecordingTransport(FakeTransport inner) : ISipTransport
    {
        private SipResponse? _first;

        public ConcurrentQueue<(SipResponse Instance, byte[] Bytes)> Responses { get; } = new();

        public SipResponse? First => Volatile.Read(ref _first);

        public IReadOnlyList<SipEndPoint> LocalEndPoints => inner.LocalEndPoints;

        public IReadOnlyList<SipEndPoint> AdvertisedEndPoints => inner.AdvertisedEndPoints;

        public SipEndPoint GetLocalEndPoint(SipProtocol protocol) => inner.GetLocalEndPoint(protocol);

        public ValueTask<SendResult> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken = default) =>
            inner.SendRequestAsync(request, destination, cancellationToken);

        public ValueTask<SendResult> SendResponseAsync(SipResponse response, long connectionId = 0, CancellationToken cancellationToken = default)
        {
            Interlocked.CompareExchange(ref _first, response, null);
            var bytes = new byte[response.GetByteCount()];
            response.WriteTo(bytes);
            _ = response.TopVia;
            Responses.Enqueue((response, bytes));
            return inner.SendResponseAsync(response, connectionId, cancellationToken);
        }
    }
}
