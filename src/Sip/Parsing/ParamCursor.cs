namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Walks <c>*( SEMI generic-param )</c> (RFC 3261 25.1) without allocating. Stops, without error, before the
/// first byte that does not start a parameter (a comma, end of input, ...). Over via-params it also admits the
/// bare IPv6address that RFC 3261 25.1 and RFC 3581 allow in <c>received</c>.
/// </summary>
internal ref struct ParamCursor
{
    private readonly ReadOnlySpan<byte> _s;
    private readonly bool _viaParams;
    private int _pos;

    public ParamCursor(ReadOnlySpan<byte> s, int pos, bool viaParams = false)
    {
        _s = s;
        _pos = pos;
        _viaParams = viaParams;
    }

    public readonly int Position => _pos;

    public string? Error { get; private set; }

    public bool MoveNext(out Range name, out Range value, out bool hasValue)
    {
        name = default;
        value = default;
        hasValue = false;
        if (!Lex.TrySeparator(_s, ref _pos, (byte)';'))
        {
            return false;
        }

        if (!Lex.TryToken(_s, ref _pos, out name))
        {
            Error = "empty or invalid parameter name";
            return false;
        }

        if (Lex.TrySeparator(_s, ref _pos, (byte)'='))
        {
            if (!(_viaParams && TryBareIPv6Received(name, out value)) && !Lex.TryGenValue(_s, ref _pos, out value))
            {
                Error = "invalid value for parameter '" + Lex.Ascii(_s[name]) + "'";
                return false;
            }

            hasValue = true;
        }

        return true;
    }

    /// <summary>via-received = IPv4address / IPv6address: the IPv6 form is written without brackets.</summary>
    private bool TryBareIPv6Received(Range name, out Range value)
    {
        value = default;
        if (!Lex.EqualsIgnoreCase(_s[name], "received"))
        {
            return false;
        }

        var end = _pos;
        while (end < _s.Length && (CharClass.Is(_s[end], CharClass.Hex) || _s[end] is (byte)':' or (byte)'.'))
        {
            end++;
        }

        if (!Lex.IsIPv6Chars(_s[_pos..end]))
        {
            return false;
        }

        value = _pos..end;
        _pos = end;
        return true;
    }

    /// <summary>Validates the rest of the list; true when it ended without error.</summary>
    public bool SkipAll()
    {
        while (MoveNext(out _, out _, out _))
        {
        }

        return Error is null;
    }

    public static SipParameters Materialize(ReadOnlySpan<byte> s, int pos, out int end, bool viaParams = false)
    {
        // One walk records where the first parameters lie; a second walk is needed only for long lists.
        const int Recorded = 8;
        Span<int> bounds = stackalloc int[Recorded * 4];
        var cursor = new ParamCursor(s, pos, viaParams);
        var count = 0;
        while (cursor.MoveNext(out var name, out var value, out var hasValue))
        {
            if (count < Recorded)
            {
                var b = bounds.Slice(count * 4, 4);
                b[0] = name.Start.Value;
                b[1] = name.End.Value;
                b[2] = hasValue ? value.Start.Value : -1;
                b[3] = hasValue ? value.End.Value : -1;
            }

            count++;
        }

        end = cursor.Position;
        if (count == 0)
        {
            return SipParameters.Empty;
        }

        var items = new SipParameter[count];
        for (var i = 0; i < Math.Min(count, Recorded); i++)
        {
            var b = bounds.Slice(i * 4, 4);
            items[i] = new SipParameter(KnownStrings.Get(s[b[0]..b[1]]), b[2] < 0 ? null : Lex.Text(s[b[2]..b[3]]));
        }

        if (count > Recorded)
        {
            var rest = new ParamCursor(s, pos, viaParams);
            for (var i = 0; i < count && rest.MoveNext(out var name, out var value, out var hasValue); i++)
            {
                if (i >= Recorded)
                {
                    items[i] = new SipParameter(KnownStrings.Get(s[name]), hasValue ? Lex.Text(s[value]) : null);
                }
            }
        }

        return new SipParameters(items);
    }
}
