using System.Text;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>
/// Splits what a stream brings into UTF-8 lines ending with "\n" (a "\r" before it is dropped), none longer than
/// <paramref name="maxLineBytes"/>: a longer one is skipped up to its "\n" and reported with an
/// <see cref="InvalidDataException"/>, after which the next line can be read.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private byte[] _buffer = new byte[Math.Min(maxLineBytes + 1, 16 * 1024)];
    private int _start;
    private int _end;

    /// <summary>The next line; null once the stream ended (a last line without "\n" is dropped).</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0; // bytes after _start known to hold no "\n"
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                var start = _start;
                _start = newline + 1;
                if (skipping) throw new InvalidDataException($"a line longer than {maxLineBytes} bytes was skipped");
                var length = newline - start;
                if (length > 0 && _buffer[newline - 1] == (byte)'\r') length--;
                return Utf8.GetString(_buffer, start, length);
            }

            scanned = _end - _start;
            if (scanned > maxLineBytes)
            {
                // Too long: what is held of it goes, and the rest is dropped as it comes, up to its "\n".
                skipping = true;
                _start = _end = scanned = 0;
            }
            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) return null;
            _end += read;
        }
    }

    /// <summary>Moves the unread bytes to the front, and grows the buffer (up to one line's limit) when they fill it.</summary>
    private void MakeRoom()
    {
        if (_end < _buffer.Length) return;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
            return;
        }
        Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineBytes + 1));
    }
}
