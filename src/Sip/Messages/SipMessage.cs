using System.Buffers;
using System.Text;

namespace ClusterSip.Sip.Messages;

/// <summary>
/// A SIP request or response. A parsed message keeps the buffer it was parsed from and decodes nothing until asked:
/// headers are offsets into that buffer, typed accessors parse on first access and cache. Serializing a message
/// that was not changed copies the original octets; otherwise headers are re-serialized and Content-Length is set
/// to the body length.
/// </summary>
public abstract partial class SipMessage
{
    public const string SipVersion = "SIP/2.0";

    private ReadOnlyMemory<byte> _body;

    private protected SipMessage()
    {
        Source = ReadOnlyMemory<byte>.Empty;
        StartLineLength = -1;
        IsModified = true;
        Headers = new SipHeaders(this, new HeaderEntry[8], 0);
    }

    private protected SipMessage(ReadOnlyMemory<byte> source, int startLineLength, HeaderEntry[] entries, int count, ReadOnlyMemory<byte> body)
    {
        Source = source;
        StartLineLength = startLineLength;
        Headers = new SipHeaders(this, entries, count);
        _body = body;
    }

    /// <summary>A message built in code whose header lines are lines of another message, in that message's buffer.</summary>
    private protected SipMessage(ReadOnlyMemory<byte> source, HeaderEntry[] entries, int count)
    {
        Source = source;
        StartLineLength = -1;
        IsModified = true;
        Headers = new SipHeaders(this, entries, count);
    }

    /// <summary>
    /// A copy for another hop: shares the (immutable) received octets, body and typed header objects, copies the header
    /// lines, so changing one message never affects the other.
    /// </summary>
    private protected SipMessage(SipMessage original)
    {
        Source = original.Source;
        StartLineLength = original.StartLineLength;
        IsModified = original.IsModified;
        StartLineModified = original.StartLineModified;
        Headers = original.Headers.CopyFor(this);
        _body = original._body;
        CopyTypedHeaders(original);
    }

    public SipHeaders Headers { get; }

    /// <summary>The body: exactly Content-Length octets of a parsed message. Setting it re-computes Content-Length on output.</summary>
    public ReadOnlyMemory<byte> Body
    {
        get => _body;
        set
        {
            _body = value;
            IsModified = true;
        }
    }

    public abstract bool IsRequest { get; }

    /// <summary>An independent copy: changing its headers, start line or body leaves this message as it is.</summary>
    public abstract SipMessage Clone();

    /// <summary>
    /// The octets the message was parsed from (start line to end of body); empty for a message built in code, or the
    /// request's for a response made for it (its lines copied from the request's lines).
    /// </summary>
    internal ReadOnlyMemory<byte> Source { get; }

    /// <summary>Length of the parsed start line without its line end; -1 for a message built in code.</summary>
    internal int StartLineLength { get; }

    internal bool IsModified { get; private set; }

    internal bool StartLineModified { get; private set; }

    public int GetByteCount() => IsModified ? MessageWriter.Measure(this) : Source.Length;

    public byte[] ToBytes()
    {
        if (!IsModified)
        {
            return Source.ToArray();
        }

        var bytes = new byte[MessageWriter.Measure(this)];
        MessageWriter.Write(this, bytes);
        return bytes;
    }

    /// <summary>Writes the message; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="GetByteCount"/>.</exception>
    public int WriteTo(Span<byte> destination)
    {
        if (!IsModified)
        {
            Source.Span.CopyTo(destination);
            return Source.Length;
        }

        // Writing checks every bound, so measuring first (a whole extra pass) is not needed.
        try
        {
            return MessageWriter.Write(this, destination);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("Destination too short for the message.", nameof(destination), e);
        }
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        var size = GetByteCount();
        var written = WriteTo(writer.GetSpan(size));
        writer.Advance(written);
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    internal abstract void WriteStartLine(ref MessageWriter.Sink sink);

    private protected void OnStartLineChanged()
    {
        IsModified = true;
        StartLineModified = true;
    }
}
