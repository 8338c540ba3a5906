using ClusterSip.CallEvents;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Sdp;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// Reads the dialog inputs from the SIP messages the proxy handles. The messages were validated by the transport
/// (<see cref="Sip.Validation.SipRequestValidator"/>), so their typed headers parse.
/// </summary>
public static class DialogInputReader
{
    /// <exception cref="ArgumentException">The request is not an initial INVITE (it has a To tag, or no From tag or CSeq).</exception>
    public static DialogStart Start(SipRequest invite, string callId, string node)
    {
        var from = invite.From ?? throw new ArgumentException("an INVITE without From", nameof(invite));
        var to = invite.To ?? throw new ArgumentException("an INVITE without To", nameof(invite));
        if (invite.Method != SipMethods.Invite || to.Tag is not null || from.Tag is not { } fromTag || invite.CSeq is not { } cseq)
        {
            throw new ArgumentException("not an initial INVITE with a From tag", nameof(invite));
        }

        var domain = (to.Uri as SipUri ?? invite.RequestUri as SipUri)?.Host.ToLowerInvariant() ?? "";
        return new DialogStart(
            callId,
            node,
            invite.CallId ?? "",
            domain,
            Party(from),
            Party(to),
            invite.Headers.Get(HeaderNames.From)!,
            invite.Headers.Get(HeaderNames.To)!,
            fromTag,
            ContactOf(invite),
            cseq.Number,
            Uris(invite.RecordRoutes));
    }

    public static BranchRelayed Relayed(int branch, SipRequest branchRequest) => new(branch, branchRequest.RequestUri.ToString());

    public static BranchResponse Response(int branch, SipResponse response) => new(
        branch,
        response.StatusCode,
        response.Headers.Get(HeaderNames.To) ?? "",
        response.ToTag,
        ContactOf(response),
        Uris(response.RecordRoutes));

    public static InDialogRequest InDialog(SipRequest request) => new(
        request.Method,
        request.FromTag ?? "",
        request.ToTag ?? "",
        request.CSeq?.Number ?? 0,
        ContactOf(request),
        request.ContentType?.IsType("application/sdp") == true ? SdpHold.Classify(request.Body.Span) : SdpHoldState.None,
        request.Method == SipMethods.Refer && request.Headers.Get(HeaderNames.ReferTo) is { } referTo ? ReferTarget(referTo) : null);

    /// <summary>
    /// The dialog an INVITE with Replaces names (RFC 3891: Call-ID, to-tag, from-tag) and what to tell it; null when the
    /// INVITE has no Replaces or it does not parse.
    /// </summary>
    public static (string SipCallId, string FromTag, ReplacedBy Input)? Replaces(SipRequest invite)
    {
        if (invite.Headers.Get(HeaderNames.Replaces) is not { } value)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        string? Param(string name) => parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1];
        return parts[0].Length > 0 && Param("to-tag") is { } toTag && Param("from-tag") is { } fromTag
            ? (parts[0], fromTag, new ReplacedBy(toTag, invite.RequestUri.ToString()))
            : null;
    }

    // A loop, not LINQ: every response to an INVITE comes here.
    private static IReadOnlyList<string> Uris(IReadOnlyList<NameAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return [];
        }

        var uris = new string[addresses.Count];
        for (var i = 0; i < uris.Length; i++)
        {
            uris[i] = addresses[i].Uri.ToString();
        }

        return uris;
    }

    private static CallParty Party(NameAddress address) => new(address.DisplayName ?? "", address.Uri.ToString());

    private static string? ContactOf(SipMessage message) =>
        message.Contacts is [{ Uri: { } uri }, ..] ? uri.ToString() : null;

    /// <summary>The Refer-To URI without its embedded headers (a Replaces for an attended transfer travels there).</summary>
    private static string ReferTarget(string referTo)
    {
        var uri = NameAddress.Parse(referTo).Uri;
        return (uri is SipUri sip ? sip.WithoutHeaders() : uri).ToString();
    }
}
