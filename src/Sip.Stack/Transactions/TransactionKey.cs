using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The matching key of a transaction. RFC 3261 17.2.3 (server) and 17.1.3 (client): branch, sent-by and method,
/// with ACK matched to its INVITE. For a branch without the magic cookie (RFC 2543), <see cref="Id"/> is built from
/// Call-ID, From tag, CSeq number and, per <c>ruri_matching</c> and <c>via1_matching</c>, the Request-URI and top Via.
/// </summary>
public readonly record struct TransactionKey(string Id, string SentBy, string Method)
{
    private const string Rfc2543Prefix = "2543|";

    public bool IsRfc2543 => Id.StartsWith(Rfc2543Prefix, StringComparison.Ordinal);

    /// <summary>The key of the server transaction a request belongs to; null when the request lacks Via or CSeq.</summary>
    /// <param name="matchMethod">The method to match: the request's own, or INVITE for an ACK or for the INVITE a CANCEL cancels.</param>
    public static TransactionKey? ForServer(SipRequest request, string matchMethod, bool ruriMatching, bool via1Matching)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is null)
        {
            return null;
        }

        if (via.HasRfc3261Branch)
        {
            return new TransactionKey(via.Branch!, via.SentBy.ToLowerInvariant(), matchMethod);
        }

        var id = string.Concat(
            Rfc2543Prefix,
            request.CallId,
            "|",
            request.FromTag,
            "|",
            cseq.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ruriMatching ? "|" + request.RequestUri : string.Empty);
        return new TransactionKey(id, via1Matching ? Via1Text(via) : string.Empty, matchMethod);
    }

    /// <summary>The key of the client transaction a response belongs to (RFC 3261 17.1.3): top Via branch and CSeq method.</summary>
    public static TransactionKey? ForClientResponse(SipResponse response)
    {
        var branch = response.TopVia?.Branch;
        var method = response.CSeq?.Method;
        return branch is null || method is null ? null : new TransactionKey(branch, string.Empty, method);
    }

    /// <summary>The key under which a client transaction registers the request it sends.</summary>
    public static TransactionKey ForClientRequest(SipRequest request) =>
        new(request.TopVia?.Branch ?? string.Empty, string.Empty, request.Method);

    private static string Via1Text(ViaHeader via) =>
        string.Concat(via.Transport.ToUpperInvariant(), " ", via.SentBy.ToLowerInvariant(), ";", via.Branch);
}
