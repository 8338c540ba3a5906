using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// The I/O of t_write_fifo and t_write_unix. Routes must not block, so writes run in the background;
/// a failed write is lost, as a full FIFO or a dead socket is in the tm module, and logged with its cause.
/// </summary>
internal static class TransactionWriter
{
    public static bool WriteFifo(string text, string path, RateLimitedLog faults)
    {
        _ = AppendAsync(text, path, faults);
        return true;
    }

    public static bool WriteUnix(string text, string socketPath, TimeSpan timeout, RateLimitedLog faults)
    {
        _ = SendAsync(text, socketPath, timeout, faults);
        return true;
    }

    private static async Task AppendAsync(string text, string path, RateLimitedLog faults)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            faults.Warning("t_write_fifo", e, path);
        }
    }

    private static async Task SendAsync(string text, string socketPath, TimeSpan timeout, RateLimitedLog faults)
    {
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            await socket.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, new UnixDomainSocketEndPoint(socketPath), cts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            faults.Warning("t_write_unix", e, socketPath);
        }
    }
}
