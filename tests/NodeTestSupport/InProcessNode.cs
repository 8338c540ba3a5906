using ClusterSip.Node.Hosting;
using ClusterSip.Node.Management;

namespace ClusterSip.Tests.Support;

/// <summary>
/// A node started in the test process through the same bootstrap as the executable
/// (<see cref="ClusterNode.StartAsync"/>), on free ports, with its data under a temp directory.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _data;
    private readonly CapturedLog _log;

    private InProcessNode(ClusterNode node, TempDirectory data, CapturedLog log, string? token)
    {
        Node = node;
        _data = data;
        _log = log;
        Api = new ManagementClient(node.ManagementUri, token);
    }

    public ClusterNode Node { get; }

    public ManagementClient Api { get; }

    /// <summary>akka.tcp://cluster-sip@127.0.0.1:PORT</summary>
    public string Address => Node.SelfAddress.ToString();

    public string ShortAddress => MemberAddress.Short(Node.SelfAddress);

    public string Log => _log.ToString();

    /// <summary>The node's cluster-sip.data-dir (a temporary directory removed on dispose).</summary>
    public string DataDirectory => _data.Path;

    /// <summary>Waits for a log line holding the text: the node writes its log in the background.</summary>
    public Task WaitForLogAsync(string text) =>
        Eventually.Value(() => Task.FromResult(Log), log => log.Contains(text, StringComparison.Ordinal), $"a log line with \"{text}\"");

    public static async Task<InProcessNode> StartAsync(string? token = null, IReadOnlyList<INodeFeature>? features = null, params string[] sets)
    {
        var data = new TempDirectory("node");
        var log = new CapturedLog();
        string[] all =
        [
            $"akka.remote.dot-netty.tcp.port={FreePorts.Next()}",
            $"cluster-sip.management.port={FreePorts.Next()}",
            $"cluster-sip.data-dir={data.Path}",
            .. token is null ? Array.Empty<string>() : [$"cluster-sip.management.token={token}"],
            .. sets,
        ];
        try
        {
            var node = await ClusterNode.StartAsync(TestConfiguration.Load(all), features ?? [], log, CancellationToken.None);
            return new InProcessNode(node, data, log, token);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Node.StopAsync().WaitAsync(StopBound);
        _data.Dispose();
    }
}
