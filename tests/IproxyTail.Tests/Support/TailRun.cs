namespace ClusterSip.IproxyTail.Tests.Support;

/// <summary>iproxy-tail run in this process through its entry point: its standard output and error as lines.</summary>
public sealed class TailRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _exit;

    private TailRun(string[] args) => _exit = Task.Run(() => TailProgram.RunAsync(args, Output, Log, _stop.Token));

    public LineWriter Output { get; } = new();

    public LineWriter Log { get; } = new();

    public static TailRun Start(params string[] args) => new(args);

    /// <summary>Ctrl-C: the exit code, within the bound.</summary>
    public async Task<int> StopAsync()
    {
        _stop.Cancel();
        return await ExitAsync();
    }

    /// <summary>The exit code of a run that ends by itself, within the bound.</summary>
    public Task<int> ExitAsync() => _exit.WaitAsync(ProxyClient.ReadBound);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _exit.WaitAsync(ProxyClient.ReadBound);
    }
}
