using System.Buffers;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>Via manipulation for transports and proxies (RFC 3261 16.6, 16.7, 18.2.1; RFC 3581).</summary>
public abstract partial class SipMessage
{
    /// <summary>Adds a Via value on top of the others (a proxy forwarding a request, RFC 3261 16.6 step 8).</summary>
    public void PushVia(ViaHeader via)
    {
        Headers.Prepend(HeaderId.Via, HeaderNames.Via, via.ToString());
        _topVia = via; // the new top is this value: no need to parse it back from its text
    }

    /// <summary>Removes and returns the topmost Via value (a proxy forwarding a response, RFC 3261 16.7 step 3).</summary>
    public ViaHeader? PopVia()
    {
        var top = TopVia;
        if (top is not null)
        {
            ReplaceFirstListElement(HeaderId.Via, null);
        }

        return top;
    }

    /// <summary>Replaces the topmost Via value, leaving the others as received.</summary>
    /// <exception cref="InvalidOperationException">The message has no Via.</exception>
    public void SetTopVia(ViaHeader via)
    {
        if (Headers.FirstIndex(HeaderId.Via) < 0)
        {
            throw new InvalidOperationException("The message has no Via header.");
        }

        ReplaceFirstListElement(HeaderId.Via, via.ToString());
        _topVia = via;
    }

    /// <summary>
    /// What a server transport does on receipt (RFC 3261 18.2.1, RFC 3581 4): sets <c>received</c> when the sent-by
    /// host differs from the packet's source address or when rport was requested, and fills an empty <c>rport</c>
    /// with the source port. The rest of the Via text is kept as received. An IPv6 source may be given with or
    /// without brackets and zone; <c>received</c> is written as a bare IPv6address (RFC 3261 25.1). Returns false
    /// when nothing changed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The message has no Via.</exception>
    public bool ApplyReceivedInfo(string sourceAddress, int sourcePort)
    {
        sourceAddress = BareAddress(sourceAddress);
        var index = Headers.FirstIndex(HeaderId.Via);
        if (index < 0)
        {
            throw new InvalidOperationException("The message has no Via header.");
        }

        var s = Headers.ValueBytes(index);
        if (!TryParsedTopVia(out var via))
        {
            var pos = 0;
            var error = HeaderSyntax.ReadVia(s, ref pos, out via);
            if (error is not null)
            {
                throw new SipParseException(error);
            }
        }

        var rportEnd = -1;
        Range? received = null;
        var cursor = new ParamCursor(s, via.ParamsStart, viaParams: true);
        while (cursor.MoveNext(out var name, out var value, out var hasValue))
        {
            if (Lex.EqualsIgnoreCase(s[name], "rport") && !hasValue)
            {
                rportEnd = name.End.Value;
            }
            else if (Lex.EqualsIgnoreCase(s[name], "received") && hasValue)
            {
                received = value;
            }
        }

        if (rportEnd < 0 && SameHost(s[via.Host], sourceAddress))
        {
            return false;
        }

        // Edits are applied in text order: fill rport, replace or append received; everything else is copied.
        var capacity = (s.Length * 2) + sourceAddress.Length + 32;
        char[]? rented = null;
        var buffer = capacity <= 512 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        var text = new TextBuilder(buffer);
        var copied = 0;
        if (rportEnd >= 0 && (received is null || rportEnd < received.Value.Start.Value))
        {
            copied = text.AppendBytes(s, copied, rportEnd);
            text.Append('=');
            text.Append(sourcePort);
            rportEnd = -1;
        }

        if (received is { } r)
        {
            text.AppendBytes(s, copied, r.Start.Value);
            text.Append(sourceAddress);
            copied = r.End.Value;
        }

        if (rportEnd >= 0)
        {
            copied = text.AppendBytes(s, copied, rportEnd);
            text.Append('=');
            text.Append(sourcePort);
        }

        if (received is null)
        {
            copied = text.AppendBytes(s, copied, via.End);
            text.Append(";received=");
            text.Append(sourceAddress);
        }

        text.AppendBytes(s, copied, s.Length);
        Headers.SetAt(index, text.ToString());
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return true;
    }

    private static string BareAddress(string address)
    {
        var bare = address.AsSpan().Trim("[]");
        var zone = bare.IndexOf('%');
        if (zone >= 0)
        {
            bare = bare[..zone];
        }

        return bare.Length == address.Length ? address : bare.ToString();
    }

    private static bool SameHost(ReadOnlySpan<byte> viaHost, string bare)
    {
        var host = viaHost.Length > 2 && viaHost[0] == '[' ? viaHost[1..^1] : viaHost;
        if (host.Length != bare.Length)
        {
            return false;
        }

        for (var i = 0; i < host.Length; i++)
        {
            if (char.ToLowerInvariant((char)host[i]) != char.ToLowerInvariant(bare[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaces (or, with null, removes) the first element of the first line of a list header.</summary>
    private protected void ReplaceFirstListElement(HeaderId id, string? replacement)
    {
        var i = Headers.FirstIndex(id);
        var s = Headers.ValueBytes(i);
        var end = ListSplitter.ElementEnd(s, 0);
        var restStart = end + 1;
        while (restStart < s.Length && s[restStart] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            restStart++;
        }

        // A proxy pops the top Via of every response it relays: the values after it stay in the received buffer.
        if (replacement is null && restStart < s.Length && Headers.TryDropValuePrefix(i, restStart))
        {
            return;
        }

        var rest = end < s.Length ? Lex.Text(Lex.TrimWs(s[(end + 1)..])) : null;
        if (rest is null)
        {
            if (replacement is null)
            {
                Headers.RemoveAt(i);
            }
            else
            {
                Headers.SetAt(i, replacement);
            }
        }
        else
        {
            Headers.SetAt(i, replacement is null ? rest : replacement + ", " + rest);
        }
    }
}
