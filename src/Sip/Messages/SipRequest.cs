using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Messages;

/// <summary>A SIP request: method, Request-URI, headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    private readonly Range _uriRange;
    private AnyUri? _requestUri;

    /// <summary>Builds a request in code; add headers through <see cref="SipMessage.Headers"/>.</summary>
    public SipRequest(string method, AnyUri requestUri)
    {
        if (method.Length == 0 || !method.All(c => c < 0x80 && CharClass.IsToken((byte)c)))
        {
            throw new ArgumentException("A method must be a non-empty token.", nameof(method));
        }

        Method = method;
        _requestUri = requestUri;
    }

    internal SipRequest(ReadOnlyMemory<byte> source, int startLineLength, HeaderEntry[] entries, int count, ReadOnlyMemory<byte> body, string method, Range uriRange)
        : base(source, startLineLength, entries, count, body)
    {
        Method = method;
        _uriRange = uriRange;
    }

    private SipRequest(SipRequest original)
        : base(original)
    {
        Method = original.Method;
        _uriRange = original._uriRange;
        _requestUri = original._requestUri;
    }

    /// <summary>The method, case-sensitive as received (RFC 3261 7.1).</summary>
    public string Method { get; }

    public AnyUri RequestUri
    {
        get => _requestUri ??= AnyUri.FromValidated(Source.Span[_uriRange]);
        set
        {
            _requestUri = value;
            OnStartLineChanged();
        }
    }

    public string Version => SipVersion;

    public override bool IsRequest => true;

    public override SipRequest Clone() => new(this);

    /// <summary>
    /// Decrements Max-Forwards, adding it with 70 when absent (RFC 3261 16.6 step 3). Returns the new value.
    /// </summary>
    /// <exception cref="InvalidOperationException">Max-Forwards is already 0: the request must be answered with 483.</exception>
    public int DecrementMaxForwards()
    {
        var current = MaxForwards;
        if (current == 0)
        {
            throw new InvalidOperationException("Max-Forwards is 0; answer 483 Too Many Hops instead of forwarding.");
        }

        var next = current is null ? 70 : current.Value - 1;
        Headers.Set(HeaderId.MaxForwards, HeaderNames.MaxForwards, next.ToString(CultureInfo.InvariantCulture));
        return next;
    }

    /// <summary>Inserts a Record-Route value above the existing ones (RFC 3261 16.6 step 4).</summary>
    public void AddRecordRoute(NameAddress route) => Headers.Prepend(HeaderId.RecordRoute, HeaderNames.RecordRoute, route.ToString());

    /// <summary>Removes and returns the topmost Route value (RFC 3261 16.4, 16.12 loose routing).</summary>
    public NameAddress? RemoveTopRoute()
    {
        var routes = Routes;
        if (routes.Count == 0)
        {
            return null;
        }

        var top = routes[0];
        ReplaceFirstListElement(HeaderId.Route, null);
        return top;
    }

    /// <summary>Inserts Route values above the existing ones, in their order (RFC 3327 5.3: a registered contact's Path).</summary>
    public void PrependRoutes(IReadOnlyList<NameAddress> routes)
    {
        for (var i = routes.Count - 1; i >= 0; i--)
        {
            Headers.Prepend(HeaderId.Route, HeaderNames.Route, routes[i].ToString());
        }
    }

    /// <summary>Adds a Route value below the existing ones (a strict-routing rewrite, RFC 3261 16.6 step 6).</summary>
    public void AppendRoute(NameAddress route)
    {
        var last = LastRouteLine();
        Headers.Insert(last < 0 ? Headers.Count : last + 1, HeaderNames.Route, route.ToString());
    }

    /// <summary>Removes and returns the bottom Route value (RFC 3261 16.4: it replaces a Request-URI that a strict router wrote).</summary>
    public NameAddress? RemoveLastRoute()
    {
        var routes = Routes;
        if (routes.Count == 0)
        {
            return null;
        }

        var bottom = routes[^1];
        var line = LastRouteLine();
        var s = Headers.ValueBytes(line);
        var lastStart = -1;
        for (var end = ListSplitter.ElementEnd(s, 0); end < s.Length; end = ListSplitter.ElementEnd(s, end + 1))
        {
            if (!Lex.TrimWs(s[(end + 1)..]).IsEmpty)
            {
                lastStart = end;
            }
        }

        if (lastStart < 0)
        {
            Headers.RemoveAt(line);
        }
        else
        {
            Headers.SetAt(line, Lex.Text(Lex.TrimWs(s[..lastStart])));
        }

        return bottom;
    }

    /// <summary>
    /// The CANCEL for this INVITE (RFC 3261 9.1): same Request-URI, Call-ID, From, To, CSeq number and Route set,
    /// and a single Via equal to the top Via of the request.
    /// </summary>
    public SipRequest CreateCancel()
    {
        var cancel = new SipRequest(SipMethods.Cancel, RequestUri);
        CopyForHopByHopRequest(cancel, To);
        return cancel;
    }

    /// <summary>
    /// The ACK for a non-2xx final response to this INVITE (RFC 3261 17.1.1.3): To from the response (with its tag),
    /// everything else from the request, a single Via equal to the top Via of the request.
    /// </summary>
    public SipRequest CreateAck(SipResponse response)
    {
        if (response.StatusCode < 300)
        {
            throw new ArgumentException("Only non-2xx final responses are acknowledged by the transaction layer.", nameof(response));
        }

        var ack = new SipRequest(SipMethods.Ack, RequestUri);
        CopyForHopByHopRequest(ack, response.To ?? To);
        return ack;
    }

    internal override void WriteStartLine(ref MessageWriter.Sink sink)
    {
        sink.Write(Method);
        sink.Write(" "u8);
        sink.Write(RequestUri.ToString());
        sink.Write(" SIP/2.0"u8);
    }

    private int LastRouteLine()
    {
        var last = -1;
        for (var i = Headers.FirstIndex(HeaderId.Route); i >= 0; i = Headers.FirstIndex(HeaderId.Route, i + 1))
        {
            if (!Lex.AtEnd(Headers.ValueBytes(i), 0))
            {
                last = i;
            }
        }

        return last;
    }

    private void CopyForHopByHopRequest(SipRequest target, NameAddress? to)
    {
        var via = Headers.FirstIndex(HeaderId.Via);
        if (via >= 0)
        {
            var s = Headers.ValueBytes(via);
            target.Headers.Add(HeaderNames.Via, Lex.Text(Lex.TrimWs(s[..ListSplitter.ElementEnd(s, 0)])));
        }

        target.Headers.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in Headers.GetAll(HeaderNames.Route))
        {
            target.Headers.Add(HeaderNames.Route, route);
        }

        CopyFirst(target, HeaderNames.From);
        if (to is not null)
        {
            target.Headers.Add(HeaderNames.To, ReferenceEquals(to, To) ? Headers.Get(HeaderNames.To)! : to.ToString());
        }

        CopyFirst(target, HeaderNames.CallId);
        if (CSeq is { } cseq)
        {
            target.Headers.Add(HeaderNames.CSeq, new CSeqHeader(cseq.Number, target.Method).ToString());
        }
    }

    private void CopyFirst(SipRequest target, string name)
    {
        if (Headers.Get(name) is { } value)
        {
            target.Headers.Add(name, value);
        }
    }
}
