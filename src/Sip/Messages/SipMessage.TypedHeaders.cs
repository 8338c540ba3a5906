using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>
/// Typed header accessors. Each parses on first access and caches until a header changes. Via, From, To, Call-ID
/// and CSeq were validated by the parser; the others raise <see cref="SipParseException"/> on first access when
/// malformed (<see cref="Validation.SipRequestValidator"/> checks them up front).
/// </summary>
public abstract partial class SipMessage
{
    private static readonly object NullValue = new();

    // The headers every transaction reads have their own cache fields; the others share a lazily allocated array.
    private object? _vias;
    private object? _topVia;
    private object? _from;
    private object? _to;
    private object? _callId;
    private object? _fromTag;
    private object? _toTag;
    private object? _cseq;
    private object?[]? _typed;

    // Max-Forwards has a field of its own: every proxied copy changes it, which would copy a shared cache array.
    private int _maxForwards = MaxForwardsNotRead;
    private bool _typedShared;

    // Where the first Via value lies, as found by the parser; cleared by any Via change.
    private ViaRanges _parsedTopVia;
    private bool _hasParsedTopVia;

    private const int MaxForwardsNotRead = -2;
    private const int MaxForwardsAbsent = -1;

    private enum Slot
    {
        Contacts,
        Routes,
        RecordRoutes,
        Expires,
        ContentType,
        ContentLength,
        Event,
        SubscriptionState,
        AllowEvents,
        Supported,
        Require,
        ProxyRequire,
        Unsupported,
        Authorizations,
        ProxyAuthorizations,
        WwwAuthenticates,
        ProxyAuthenticates,
        Count,
    }

    /// <summary>All Via values, top first, across lines and comma lists.</summary>
    public IReadOnlyList<ViaHeader> Vias => Cached(ref _vias, static m => m.ReadVias());

    /// <summary>The topmost Via value; parses only that one.</summary>
    public ViaHeader? TopVia => Cached(ref _topVia, static m => m.ReadTopVia());

    public NameAddress? From => Cached(ref _from, static m => m.ReadAddress(HeaderId.From));

    public NameAddress? To => Cached(ref _to, static m => m.ReadAddress(HeaderId.To));

    /// <summary>The From tag; read without building the address when <see cref="From"/> was not asked for.</summary>
    public string? FromTag => _from is NameAddress from ? from.Tag : Cached(ref _fromTag, static m => m.ReadTag(HeaderId.From));

    /// <summary>The To tag; read without building the address when <see cref="To"/> was not asked for.</summary>
    public string? ToTag => _to is NameAddress to ? to.Tag : Cached(ref _toTag, static m => m.ReadTag(HeaderId.To));

    public string? CallId => Cached(ref _callId, static m => m.ReadCallId());

    public CSeqHeader? CSeq => Cached(ref _cseq, static m => m.ReadCSeq());

    /// <summary>Max-Forwards (0 to 255); null when absent.</summary>
    public int? MaxForwards
    {
        get
        {
            if (_maxForwards == MaxForwardsNotRead)
            {
                _maxForwards = ReadMaxForwards() ?? MaxForwardsAbsent;
            }

            return _maxForwards == MaxForwardsAbsent ? null : _maxForwards;
        }
    }

    public IReadOnlyList<ContactHeader> Contacts =>
        Cached(ref Slots()[(int)Slot.Contacts], static m => m.ReadAddressList(HeaderId.Contact, true, ContactHeader.FromValidated));

    public IReadOnlyList<NameAddress> Routes =>
        Cached(ref Slots()[(int)Slot.Routes], static m => m.ReadAddressList(HeaderId.Route, false, NameAddress.FromValidated));

    public IReadOnlyList<NameAddress> RecordRoutes =>
        Cached(ref Slots()[(int)Slot.RecordRoutes], static m => m.ReadAddressList(HeaderId.RecordRoute, false, NameAddress.FromValidated));

    /// <summary>The Expires header in seconds; null when absent, 3600 when malformed (RFC 3261 20.19).</summary>
    public int? Expires =>
        Cached(ref Slots()[(int)Slot.Expires], static m => m.Headers.FirstIndex(HeaderId.Expires) is var i and >= 0 ? ExpiresValue.From(Lex.TrimWs(m.Headers.ValueBytes(i))) : null);

    public MediaType? ContentType =>
        Cached(ref Slots()[(int)Slot.ContentType], static m => m.Headers.FirstIndex(HeaderId.ContentType) is var i and >= 0 ? MediaType.Parse(m.Headers.ValueBytes(i)) : null);

    /// <summary>The Content-Length header value as received (serialization always writes the body length).</summary>
    public int? ContentLength => Cached(ref Slots()[(int)Slot.ContentLength], static m => m.ReadContentLength());

    public EventHeader? Event =>
        Cached(ref Slots()[(int)Slot.Event], static m => m.Headers.FirstIndex(HeaderId.Event) is var i and >= 0 ? EventHeader.Parse(m.Headers.ValueBytes(i)) : null);

    public SubscriptionStateHeader? SubscriptionState =>
        Cached(ref Slots()[(int)Slot.SubscriptionState], static m => m.Headers.FirstIndex(HeaderId.SubscriptionState) is var i and >= 0 ? SubscriptionStateHeader.Parse(m.Headers.ValueBytes(i)) : null);

    public IReadOnlyList<string> AllowEvents => Cached(ref Slots()[(int)Slot.AllowEvents], static m => m.ReadTokens(HeaderId.AllowEvents));

    public IReadOnlyList<string> Supported => Cached(ref Slots()[(int)Slot.Supported], static m => m.ReadTokens(HeaderId.Supported));

    public IReadOnlyList<string> Require => Cached(ref Slots()[(int)Slot.Require], static m => m.ReadTokens(HeaderId.Require));

    public IReadOnlyList<string> ProxyRequire => Cached(ref Slots()[(int)Slot.ProxyRequire], static m => m.ReadTokens(HeaderId.ProxyRequire));

    public IReadOnlyList<string> Unsupported => Cached(ref Slots()[(int)Slot.Unsupported], static m => m.ReadTokens(HeaderId.Unsupported));

    public IReadOnlyList<AuthHeader> Authorizations => Cached(ref Slots()[(int)Slot.Authorizations], static m => m.ReadAuth(HeaderId.Authorization));

    public IReadOnlyList<AuthHeader> ProxyAuthorizations => Cached(ref Slots()[(int)Slot.ProxyAuthorizations], static m => m.ReadAuth(HeaderId.ProxyAuthorization));

    public IReadOnlyList<AuthHeader> WwwAuthenticates => Cached(ref Slots()[(int)Slot.WwwAuthenticates], static m => m.ReadAuth(HeaderId.WwwAuthenticate));

    public IReadOnlyList<AuthHeader> ProxyAuthenticates => Cached(ref Slots()[(int)Slot.ProxyAuthenticates], static m => m.ReadAuth(HeaderId.ProxyAuthenticate));

    internal void OnHeadersChanged(HeaderId id)
    {
        IsModified = true;
        switch (id)
        {
            case HeaderId.Unknown:
                break;
            case HeaderId.Via:
                _vias = _topVia = null;
                _hasParsedTopVia = false;
                break;
            case HeaderId.From:
                _from = _fromTag = null;
                break;
            case HeaderId.To:
                _to = _toTag = null;
                break;
            case HeaderId.CallId:
                _callId = null;
                break;
            case HeaderId.CSeq:
                _cseq = null;
                break;
            case HeaderId.MaxForwards:
                _maxForwards = MaxForwardsNotRead;
                break;
            default:
                ForgetTyped(id);
                break;
        }
    }

    internal void SetParsedTopVia(in ViaRanges ranges)
    {
        _parsedTopVia = ranges;
        _hasParsedTopVia = true;
    }

    /// <summary>Where the first Via value lies when the parser found it and no Via changed since.</summary>
    private bool TryParsedTopVia(out ViaRanges ranges)
    {
        ranges = _parsedTopVia;
        return _hasParsedTopVia;
    }

    /// <summary>
    /// The parsed values are immutable and a change replaces the cache entry, so a copy may share them. The other
    /// headers' cache array is shared too: while neither message changes those headers, a value either one caches is
    /// right for both, and a change makes the changed message drop the array.
    /// </summary>
    private void CopyTypedHeaders(SipMessage original)
    {
        _vias = original._vias;
        _topVia = original._topVia;
        _from = original._from;
        _to = original._to;
        _fromTag = original._fromTag;
        _toTag = original._toTag;
        _callId = original._callId;
        _cseq = original._cseq;
        _parsedTopVia = original._parsedTopVia;
        _hasParsedTopVia = original._hasParsedTopVia;
        _maxForwards = original._maxForwards;
        _typed = original._typed;
        _typedShared = original._typedShared = _typed is not null;
    }

    /// <summary>
    /// Drops the cached value of header <paramref name="id"/> only: a copy that gained a Record-Route keeps the Route
    /// set both messages parsed. An array shared with a copy is copied first, never cleared in place.
    /// </summary>
    private void ForgetTyped(HeaderId id)
    {
        if (_typed is null || SlotOf(id) is not { } slot)
        {
            return;
        }

        // Even an empty slot: the copy could fill it later from its own, unchanged header.
        if (_typedShared)
        {
            _typed = (object?[])_typed.Clone();
            _typedShared = false;
        }

        _typed[(int)slot] = null;
    }

    private static Slot? SlotOf(HeaderId id) => id switch
    {
        HeaderId.Contact => Slot.Contacts,
        HeaderId.Route => Slot.Routes,
        HeaderId.RecordRoute => Slot.RecordRoutes,
        HeaderId.Expires => Slot.Expires,
        HeaderId.ContentType => Slot.ContentType,
        HeaderId.ContentLength => Slot.ContentLength,
        HeaderId.Event => Slot.Event,
        HeaderId.SubscriptionState => Slot.SubscriptionState,
        HeaderId.AllowEvents => Slot.AllowEvents,
        HeaderId.Supported => Slot.Supported,
        HeaderId.Require => Slot.Require,
        HeaderId.ProxyRequire => Slot.ProxyRequire,
        HeaderId.Unsupported => Slot.Unsupported,
        HeaderId.Authorization => Slot.Authorizations,
        HeaderId.ProxyAuthorization => Slot.ProxyAuthorizations,
        HeaderId.WwwAuthenticate => Slot.WwwAuthenticates,
        HeaderId.ProxyAuthenticate => Slot.ProxyAuthenticates,
        _ => null,
    };

    private object?[] Slots() => _typed ??= new object?[(int)Slot.Count];

    private T Cached<T>(ref object? cache, Func<SipMessage, T> read)
    {
        if (cache is not null)
        {
            return ReferenceEquals(cache, NullValue) ? default! : (T)cache;
        }

        T value;
        try
        {
            value = read(this);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or FormatException or OverflowException)
        {
            throw new SipParseException("malformed header (" + e.Message + ")", 400, null, e);
        }

        cache = (object?)value ?? NullValue;
        return value;
    }

    private ViaHeader? ReadTopVia()
    {
        var i = Headers.FirstIndex(HeaderId.Via);
        if (i < 0)
        {
            return null;
        }

        var s = Headers.ValueMemory(i);
        if (TryParsedTopVia(out var parsed))
        {
            return ViaHeader.FromValidated(s, parsed);
        }

        var pos = 0;
        var error = HeaderSyntax.ReadVia(s.Span, ref pos, out var r);
        return error is null ? ViaHeader.FromValidated(s, r) : throw new SipParseException(error);
    }

    private List<ViaHeader> ReadVias()
    {
        var list = new List<ViaHeader>();
        for (var i = Headers.FirstIndex(HeaderId.Via); i >= 0; i = Headers.FirstIndex(HeaderId.Via, i + 1))
        {
            var value = Headers.ValueMemory(i);
            var pos = 0;
            while (true)
            {
                var error = HeaderSyntax.ReadVia(value.Span, ref pos, out var r);
                if (error is not null)
                {
                    throw new SipParseException(error);
                }

                list.Add(ViaHeader.FromValidated(value, r));
                if (Lex.AtEnd(value.Span, pos))
                {
                    break;
                }

                if (!Lex.TrySeparator(value.Span, ref pos, (byte)','))
                {
                    throw new SipParseException("Via: unexpected character after via-parm");
                }
            }
        }

        return list;
    }

    private NameAddress? ReadAddress(HeaderId id) =>
        TryReadNameAddr(id, out var s, out var r) ? NameAddress.FromValidated(s, r) : null;

    /// <summary>The tag parameter of the From or To address (the first, as <see cref="SipParameters"/> finds it).</summary>
    private string? ReadTag(HeaderId id)
    {
        if (!TryReadNameAddr(id, out var s, out var r))
        {
            return null;
        }

        var parameters = s[..r.End];
        var cursor = new ParamCursor(parameters, r.ParamsStart);
        while (cursor.MoveNext(out var name, out var value, out var hasValue))
        {
            if (Lex.EqualsIgnoreCase(parameters[name], "tag"))
            {
                return hasValue ? Lex.Text(parameters[value]) : null;
            }
        }

        return null;
    }

    /// <summary>The first <paramref name="id"/> header's value, checked as a single name-addr; false when there is none.</summary>
    private bool TryReadNameAddr(HeaderId id, out ReadOnlySpan<byte> value, out NameAddrRanges ranges)
    {
        var i = Headers.FirstIndex(id);
        if (i < 0)
        {
            value = default;
            ranges = default;
            return false;
        }

        value = Headers.ValueBytes(i);
        var pos = 0;
        var error = HeaderSyntax.ReadNameAddr(value, ref pos, false, out ranges);
        if (error is not null || !Lex.AtEnd(value, pos))
        {
            throw new SipParseException(HeaderNames.CanonicalName(id) + ": " + (error ?? "unexpected text after the address"));
        }

        return true;
    }

    private delegate T AddressFactory<out T>(ReadOnlySpan<byte> s, in NameAddrRanges r);

    private List<T> ReadAddressList<T>(HeaderId id, bool allowWildcard, AddressFactory<T> create)
    {
        var list = new List<T>();
        var name = HeaderNames.CanonicalName(id);
        for (var i = Headers.FirstIndex(id); i >= 0; i = Headers.FirstIndex(id, i + 1))
        {
            var s = Headers.ValueBytes(i);
            var pos = 0;
            while (!Lex.AtEnd(s, pos))
            {
                var error = HeaderSyntax.ReadListAddress(s, ref pos, allowWildcard, name, out var r);
                if (error is not null)
                {
                    throw new SipParseException(error);
                }

                list.Add(create(s, r));
            }
        }

        return list;
    }

    private string? ReadCallId()
    {
        var i = Headers.FirstIndex(HeaderId.CallId);
        if (i < 0)
        {
            return null;
        }

        // A received line was validated by the parser; only a line set in code needs checking here.
        var s = Headers.ValueBytes(i);
        var error = Headers.IsVerbatim(i) ? null : HeaderSyntax.ValidateCallId(s);
        return error is null ? Lex.Ascii(Lex.TrimWs(s)) : throw new SipParseException(error);
    }

    private CSeqHeader? ReadCSeq()
    {
        var i = Headers.FirstIndex(HeaderId.CSeq);
        if (i < 0)
        {
            return null;
        }

        var s = Headers.ValueBytes(i);
        var error = HeaderSyntax.ReadCSeq(s, out var number, out var method);
        return error is null ? new CSeqHeader(number, SipMethods.Intern(s[method])) : throw new SipParseException(error);
    }

    private int? ReadMaxForwards()
    {
        var i = Headers.FirstIndex(HeaderId.MaxForwards);
        if (i < 0)
        {
            return null;
        }

        return Lex.TryUInt(Lex.TrimWs(Headers.ValueBytes(i)), 255, out var v)
            ? (int)v
            : throw new SipParseException("Max-Forwards: not a number from 0 to 255");
    }

    private int? ReadContentLength()
    {
        var i = Headers.FirstIndex(HeaderId.ContentLength);
        if (i < 0)
        {
            return null;
        }

        return Lex.TryUInt(Lex.TrimWs(Headers.ValueBytes(i)), int.MaxValue, out var v)
            ? (int)v
            : throw new SipParseException("Content-Length: not a valid number");
    }

    private IReadOnlyList<string> ReadTokens(HeaderId id)
    {
        var first = Headers.FirstIndex(id);
        if (first < 0)
        {
            return []; // most messages carry none of these headers: no list for each
        }

        var list = new List<string>();
        for (var i = first; i >= 0; i = Headers.FirstIndex(id, i + 1))
        {
            ListSplitter.AddElements(Headers.ValueBytes(i), list);
        }

        return list;
    }

    private List<AuthHeader> ReadAuth(HeaderId id)
    {
        var list = new List<AuthHeader>();
        for (var i = Headers.FirstIndex(id); i >= 0; i = Headers.FirstIndex(id, i + 1))
        {
            list.Add(AuthHeader.Parse(Headers.ValueBytes(i)));
        }

        return list;
    }
}
