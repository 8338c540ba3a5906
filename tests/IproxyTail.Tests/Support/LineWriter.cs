using System.Text;
using System.Threading.Channels;

namespace ClusterSip.IproxyTail.Tests.Support;

/// <summary>A TextWriter whose lines can be read as they are written, each within a bound.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _partial = new();
    private readonly List<string> _all = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Every line written so far.</summary>
    public IReadOnlyList<string> All
    {
        get
        {
            lock (_all) return [.. _all];
        }
    }

    public override void Write(char value)
    {
        lock (_all)
        {
            if (value == '\r') return;
            if (value != '\n')
            {
                _partial.Append(value);
                return;
            }
            var line = _partial.ToString();
            _partial.Clear();
            _all.Add(line);
            _lines.Writer.TryWrite(line);
        }
    }

    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(ProxyClient.ReadBound);
        try
        {
            return await _lines.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"nothing written within {ProxyClient.ReadBound.TotalSeconds} s; so far: {string.Join(" | ", All)}");
        }
    }

    /// <summary>Reads lines until one contains <paramref name="text"/>, and returns it.</summary>
    public async Task<string> UntilAsync(string text)
    {
        while (true)
        {
            var line = await NextAsync();
            if (line.Contains(text, StringComparison.Ordinal)) return line;
        }
    }
}
