using System.Security.Cryptography;
using System.Text;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The server side of the WebSocket opening handshake (RFC 6455 4.2) for SIP over WebSocket (RFC 7118): a GET with
/// Upgrade: websocket, version 13, a key, and the "sip" subprotocol among those offered.
/// </summary>
internal static class WebSocketUpgrade
{
    public const string SubProtocol = "sip";

    private const int MaxRequestSize = 8192;
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>What the client asked for: the response to send it, and whether the connection now speaks WebSocket.</summary>
    public readonly record struct Outcome(bool Accepted, byte[] Response, string? Error);

    /// <summary>Reads the HTTP request from <paramref name="stream"/> (nothing beyond it: a client waits for the 101) and answers it.</summary>
    /// <returns>Null when the peer closed the connection before a whole request arrived.</returns>
    public static async Task<Outcome?> NegotiateAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestSize];
        var count = 0;
        int end;
        while ((end = buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (count == buffer.Length)
            {
                return Refuse(400, "the upgrade request is larger than " + MaxRequestSize + " bytes");
            }

            var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            count += read;
        }

        return end + 4 != count
            ? Refuse(400, "data was sent before the handshake completed")
            : Answer(Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n"));
    }

    private static Outcome Answer(string[] lines)
    {
        var request = lines[0].Split(' ');
        if (request is not ["GET", _, "HTTP/1.1"])
        {
            return Refuse(400, "not an HTTP/1.1 GET: " + lines[0]);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
        }

        if (!Tokens(headers, "Upgrade").Contains("websocket", StringComparer.OrdinalIgnoreCase)
            || !Tokens(headers, "Connection").Contains("upgrade", StringComparer.OrdinalIgnoreCase))
        {
            return Refuse(400, "not a WebSocket upgrade (Upgrade: websocket, Connection: Upgrade)");
        }

        if (headers.GetValueOrDefault("Sec-WebSocket-Version") != "13")
        {
            return Refuse(426, "WebSocket version 13 is required", "Sec-WebSocket-Version: 13\r\n");
        }

        if (!headers.TryGetValue("Sec-WebSocket-Key", out var key) || !IsKey(key))
        {
            return Refuse(400, "no valid Sec-WebSocket-Key");
        }

        if (!Tokens(headers, "Sec-WebSocket-Protocol").Contains(SubProtocol, StringComparer.Ordinal))
        {
            return Refuse(400, "the \"sip\" WebSocket subprotocol (RFC 7118) was not offered");
        }

        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
        return new Outcome(true, Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: {SubProtocol}\r\n\r\n"), null);
    }

    private static IEnumerable<string> Tokens(Dictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>RFC 6455 4.1: the base64 of 16 bytes.</summary>
    private static bool IsKey(string key)
    {
        Span<byte> bytes = stackalloc byte[24];
        return Convert.TryFromBase64String(key, bytes, out var length) && length == 16;
    }

    private static Outcome Refuse(int status, string error, string extraHeaders = "")
    {
        var reason = status == 426 ? "Upgrade Required" : "Bad Request";
        return new Outcome(false, Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\n{extraHeaders}Content-Type: text/plain\r\nContent-Length: {error.Length}\r\nConnection: close\r\n\r\n{error}"), error);
    }
}
