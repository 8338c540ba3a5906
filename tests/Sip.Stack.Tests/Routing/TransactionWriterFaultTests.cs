using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>A t_write_* that fails is lost, as in the tm module, but never without a log line naming the cause.</summary>
public sealed class TransactionWriterFaultTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_failed_t_write_fifo_is_logged_with_its_cause()
    {
        var fifo = Path.Combine(Missing, "fifo");
        Written(c => c.TWriteFifo("voicemail", fifo));

        AwaitAssert(() => Assert.Contains($"t_write_fifo failed ({fifo}): DirectoryNotFoundException", Assert.Single(Faults.Entries).Message),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_failed_t_write_unix_is_logged_with_its_cause()
    {
        var socket = Path.Combine(Missing, "socket");
        Written(c => c.TWriteUnix("logger", socket));

        AwaitAssert(() => Assert.Contains($"t_write_unix failed ({socket}): SocketException", Assert.Single(Faults.Entries).Message),
            TimeSpan.FromSeconds(5));
    }

    private void Written(Action<RouteContext> write)
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            write(c);
            c.TReply(200, "OK");
        }));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(200);
    }
}
