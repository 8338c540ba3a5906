using System.Threading.Channels;

namespace ClusterSip.InteractionProxy.Client.Tests.Support;

/// <summary>Runs a <see cref="ProxyFeed"/> in the background and hands its items over one by one, each within a bound.</summary>
public sealed class FeedRecorder : IAsyncDisposable
{
    private readonly Channel<FeedItem> _items = Channel.CreateUnbounded<FeedItem>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public FeedRecorder(ProxyFeed feed)
    {
        Feed = feed;
        _run = RunAsync();
    }

    public ProxyFeed Feed { get; }

    /// <summary>The next item, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> NextAsync<T>() where T : FeedItem
    {
        using var timeout = new CancellationTokenSource(ProxyClient.ReadBound);
        FeedItem item;
        try
        {
            item = await _items.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the feed reported nothing within {ProxyClient.ReadBound.TotalSeconds} s");
        }
        return Assert.IsType<T>(item);
    }

    /// <summary>The next <paramref name="count"/> lines, which must all be <see cref="FeedLine"/>s.</summary>
    public async Task<List<ServerLine>> LinesAsync(int count)
    {
        var lines = new List<ServerLine>();
        for (var i = 0; i < count; i++) lines.Add((await NextAsync<FeedLine>()).Line);
        return lines;
    }

    /// <summary>What ended the feed: its exception, within the bound.</summary>
    public async Task<Exception> EndedAsync()
    {
        var ended = await Task.WhenAny(_run, Task.Delay(ProxyClient.ReadBound));
        Assert.True(ended == _run, "the feed did not end");
        return Assert.IsAssignableFrom<Exception>(_run.Exception?.InnerException);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _run;
        }
        catch (Exception)
        {
            // The test looked at how it ended, or did not care.
        }
    }

    private async Task RunAsync()
    {
        await foreach (var item in Feed.ReadAllAsync(_stop.Token)) _items.Writer.TryWrite(item);
    }
}
