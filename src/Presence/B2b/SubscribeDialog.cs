using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.B2b;

/// <summary>
/// The subscriber's side of one SUBSCRIBE dialog (RFC 6665 4.1, RFC 3261 12): confirmed by the 2xx or by a NOTIFY
/// that overtook it (4.1.2.4), and the SUBSCRIBEs it sends.
/// </summary>
internal sealed class SubscribeDialog(string presentity, string subscriber)
{
    private List<NameAddress> _routeSet = [];
    private AnyUri? _remoteTarget;

    public string CallId { get; } = SipIds.NewCallId();

    public string LocalTag { get; } = SipIds.NewTag();

    public string? RemoteTag { get; private set; }

    public uint CSeq { get; private set; }

    public bool IsConfirmed => RemoteTag is not null;

    /// <summary>The next SUBSCRIBE: out of the dialog (with presence_route) until it is confirmed, then within it.</summary>
    public SipRequest NextSubscribe(PresenceB2bSettings settings, int expires)
    {
        CSeq++;
        var request = new SipRequest(SipMethods.Subscribe, _remoteTarget ?? AnyUri.Parse(presentity));
        var h = request.Headers;
        h.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in IsConfirmed ? _routeSet : settings.PresenceRoute is { } first ? [first] : [])
        {
            h.Add(HeaderNames.Route, route.ToString());
        }

        h.Add(HeaderNames.From, new NameAddress(AnyUri.Parse(subscriber)).WithTag(LocalTag).ToString());
        var to = new NameAddress(AnyUri.Parse(presentity));
        h.Add(HeaderNames.To, (RemoteTag is null ? to : to.WithTag(RemoteTag)).ToString());
        h.Add(HeaderNames.CallId, CallId);
        h.Add(HeaderNames.CSeq, new CSeqHeader(CSeq, SipMethods.Subscribe).ToString());
        h.Add(HeaderNames.Contact, new NameAddress(settings.LocalContact).ToString());
        h.Add(HeaderNames.Event, "presence");
        h.Add(HeaderNames.Accept, PidfDocument.MediaType);
        h.Add(HeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        foreach (var extra in settings.AdditionalPresenceHeaders)
        {
            h.Add(extra.Name, extra.Value);
        }

        return request;
    }

    /// <summary>A NOTIFY belongs here when it carries our Call-ID and tag, and the notifier's tag once we know it.</summary>
    public bool Matches(SipRequest notify) =>
        notify.CallId == CallId && notify.To?.Tag == LocalTag && (RemoteTag is null || notify.From?.Tag == RemoteTag);

    public bool IsResponseToCurrent(SipResponse response) =>
        response.CallId == CallId && response.CSeq?.Number == CSeq && response.CSeq.Method == SipMethods.Subscribe;

    public void Confirm(SipResponse success)
    {
        if (IsConfirmed || success.To?.Tag is not { } tag)
        {
            return;
        }

        RemoteTag = tag;
        _remoteTarget = success.Contacts.FirstOrDefault()?.Uri;
        _routeSet = success.RecordRoutes.Reverse().ToList();
    }

    /// <summary>The first NOTIFY confirms the dialog; every NOTIFY refreshes the remote target (RFC 6665 4.1.2.4, 4.3).</summary>
    public void Confirm(SipRequest notify)
    {
        if (!IsConfirmed)
        {
            RemoteTag = notify.From!.Tag;
            _routeSet = notify.RecordRoutes.ToList();
        }

        _remoteTarget = notify.Contacts.FirstOrDefault()?.Uri ?? _remoteTarget;
    }
}
