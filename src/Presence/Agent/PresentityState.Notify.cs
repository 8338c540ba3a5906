using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Agent;

/// <summary>NOTIFYs within a watcher's dialog (RFC 6665 4.2.2) carrying the composed PIDF.</summary>
public sealed partial class PresentityState
{
    /// <summary>A NOTIFY for every watcher, after the composed state changed.</summary>
    public IReadOnlyList<NotifyTarget> AllWatchers(DateTimeOffset now) =>
        _watchers.Values.Select(w => new NotifyTarget(w, $"active;expires={Math.Max(0, (int)(w.ExpiresAt - now).TotalSeconds)}")).ToList();

    public SipRequest CreateNotify(NotifyTarget target)
    {
        var dialog = target.Dialog;
        var notify = new SipRequest(SipMethods.Notify, AnyUri.Parse(dialog.RemoteTarget));
        var h = notify.Headers;
        h.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in dialog.RouteSet)
        {
            h.Add(HeaderNames.Route, route);
        }

        h.Add(HeaderNames.From, dialog.From);
        h.Add(HeaderNames.To, dialog.To);
        h.Add(HeaderNames.CallId, dialog.CallId);
        h.Add(HeaderNames.CSeq, new CSeqHeader(NextNotifyCSeq(dialog.Id), SipMethods.Notify).ToString());
        h.Add(HeaderNames.Contact, new NameAddress(settings.LocalContact).ToString());
        h.Add(HeaderNames.Event, dialog.EventId is null ? "presence" : "presence;id=" + dialog.EventId);
        h.Add(HeaderNames.SubscriptionState, target.SubscriptionState);
        h.Add(HeaderNames.ContentType, PidfDocument.MediaType);
        notify.Body = PidfWriter.ToBytes(Composed);
        return notify;
    }
}
