using System.Net.Sockets;
using System.Text;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>One TCP connection to an Interaction Proxy: lines of UTF-8 JSON out and in.</summary>
public sealed class ProxyConnection : IDisposable
{
    /// <summary>The longest line read by default; the server's are a few hundred bytes, more with much user data.</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly LineReader _reader;

    private ProxyConnection(TcpClient tcp, ProxyAddress address, int maxLineBytes)
    {
        _tcp = tcp;
        Address = address;
        _stream = tcp.GetStream();
        _reader = new LineReader(_stream, maxLineBytes);
    }

    public ProxyAddress Address { get; }

    /// <param name="receiveBuffer">The socket's receive buffer in bytes; the system's default when null.</param>
    /// <param name="maxLineBytes">A longer line from the server is skipped and reported (<see cref="ReadLineAsync"/>).</param>
    public static async Task<ProxyConnection> ConnectAsync(
        ProxyAddress address, CancellationToken cancellationToken, int? receiveBuffer = null, int maxLineBytes = DefaultMaxLineBytes)
    {
        var tcp = new TcpClient();
        try
        {
            if (receiveBuffer is { } size) tcp.ReceiveBufferSize = size;
            tcp.NoDelay = true;
            await tcp.ConnectAsync(address.Host, address.Port, cancellationToken);
            return new ProxyConnection(tcp, address, maxLineBytes);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="line"/> and its "\n".</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        await _stream.WriteAsync(Utf8.GetBytes(line + "\n"), cancellationToken);

    /// <summary>The next line without its "\n"; null once the server closed the connection.</summary>
    /// <exception cref="InvalidDataException">The line was longer than the limit: it was skipped, the next one can be read.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) => await _reader.ReadLineAsync(cancellationToken);

    /// <summary>Sends the TPrivateService and returns the server's EventACK.</summary>
    /// <exception cref="ProxyErrorException">The server answered with an EventError or something else than an EventACK.</exception>
    /// <exception cref="IOException">The connection was lost.</exception>
    public async Task<ProxyAck> RegisterAsync(ProxyRegistration registration, CancellationToken cancellationToken)
    {
        await WriteLineAsync(registration.ToLine(), cancellationToken);
        var text = await ReadLineAsync(cancellationToken) ?? throw new IOException($"{Address} closed the connection before answering the registration");
        if (!ServerLine.TryParse(text, out var answer, out var reason))
            throw new ProxyErrorException($"{Address} answered the registration with a bad line ({reason}): {text}", null);
        if (answer!.Message == ServerLine.EventError) throw ProxyErrorException.From(answer);
        return ProxyAck.TryRead(answer, out var ack)
            ? ack!
            : throw new ProxyErrorException($"{Address} answered the registration with no valid EventACK: {text}", null);
    }

    public void Dispose() => _tcp.Dispose();
}
