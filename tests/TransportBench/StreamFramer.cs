using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Transport.Bench;

/// <summary>Reads SIP messages off a TCP or TLS stream: headers up to the blank line, then Content-Length bytes of body.</summary>
internal sealed class StreamFramer(Stream stream)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next message; null when the peer closed the stream.</summary>
    public async Task<SipMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            var headerEnd = data.IndexOf(HeaderEnd);
            if (headerEnd >= 0)
            {
                var length = headerEnd + HeaderEnd.Length + ContentLength(data[..headerEnd]);
                if (data.Length >= length)
                {
                    var message = SipParser.Parse(data[..length].ToArray());
                    _start += length;
                    return message;
                }
            }

            if (_start > 0)
            {
                data.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        foreach (var line in Encoding.ASCII.GetString(headers).Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() is var name && (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name == "l"))
            {
                return int.Parse(line[(colon + 1)..].Trim());
            }
        }

        return 0;
    }
}
