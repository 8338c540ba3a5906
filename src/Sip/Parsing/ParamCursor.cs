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
        var counter = new ParamCursor(s, pos, viaParams);
        var count = 0;
        while (counter.MoveNext(out _, out _, out _))
        {
            count++;
        }

        end = counter.Position;
        if (count == 0)
        {
            return SipParameters.Empty;
        }

        var items = new SipParameter[count];
        var cursor = new ParamCursor(s, pos, viaParams);
        for (var i = 0; i < count && cursor.MoveNext(out var name, out var value, out var hasValue); i++)
        {
            items[i] = new SipParameter(KnownStrings.Get(s[name]), hasValue ? Lex.Text(s[value]) : null);
        }

        return new SipParameters(items);
    }
}
