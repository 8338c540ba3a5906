using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Transport.Bench;

/// <summary>
/// The caller's connection to the node: sends requests (one writer at a time) and hands each final response to the
/// call waiting for it, by Call-ID and CSeq method; provisional responses are dropped.
/// </summary>
internal sealed class SipConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SipResponse>> _waiting = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reading;

    private SipConnection(Stream stream, IPEndPoint local)
    {
        _stream = stream;
        Local = local;
        _reading = ReadLoopAsync();
    }

    public IPEndPoint Local { get; }

    public static async Task<SipConnection> OpenAsync(Transports transports, IPEndPoint node, CancellationToken cancellationToken)
    {
        var (stream, local) = await transports.ConnectAsync(node, cancellationToken);
        return new SipConnection(stream, local);
    }

    /// <summary>Sends a request and waits for its final response.</summary>
    public async Task<SipResponse> RequestAsync(string callId, string method, string text)
    {
        var waiter = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[callId + " " + method] = waiter;
        await SendAsync(text);
        return await waiter.Task;
    }

    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _writing.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _stream.DisposeAsync();
        await _reading;
    }

    private async Task ReadLoopAsync()
    {
        var framer = new StreamFramer(_stream);
        Exception? failure = null;
        try
        {
            while (await framer.ReadAsync(_closing.Token) is { } message)
            {
                if (message is SipResponse { IsFinal: true } response
                    && _waiting.TryRemove(response.CallId + " " + response.CSeq?.Method, out var waiter))
                {
                    waiter.TrySetResult(response);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            failure = e;
        }

        foreach (var waiter in _waiting.Values)
        {
            waiter.TrySetException(new IOException("the connection to the node closed", failure));
        }
    }
}
