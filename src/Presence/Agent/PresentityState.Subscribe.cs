using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Agent;

/// <summary>SUBSCRIBE for the presence package (RFC 6665 4.2.1, RFC 3856): new, refreshed and ended (Expires: 0) subscriptions.</summary>
public sealed partial class PresentityState
{
    public AgentDecision Subscribe(SipRequest subscribe, DateTimeOffset now)
    {
        if (!IsPresenceEvent(subscribe))
        {
            return AgentDecision.Reply(BadEvent(subscribe));
        }

        if (!AcceptsPidf(subscribe))
        {
            return AgentDecision.Reply(WithHeader(SipResponse.CreateFor(subscribe, 406), HeaderNames.Accept, PidfDocument.MediaType));
        }

        var (expires, refusal) = GrantedExpiry(subscribe);
        if (refusal is not null)
        {
            return AgentDecision.Reply(refusal);
        }

        return subscribe.To?.Tag is { } tag ? Resubscribe(subscribe, tag, expires, now) : NewSubscription(subscribe, expires, now);
    }

    private AgentDecision NewSubscription(SipRequest subscribe, int expires, DateTimeOffset now)
    {
        if (!Authorized(subscribe.From!.Uri))
        {
            return AgentDecision.Reply(SipResponse.CreateFor(subscribe, 403, "Forbidden By Presence Policy"));
        }

        if (subscribe.Contacts.FirstOrDefault()?.Uri is not { } target || subscribe.From.Tag is not { } remoteTag)
        {
            return AgentDecision.Reply(SipResponse.CreateFor(subscribe, 400, "Missing Contact Or From Tag"));
        }

        var localTag = SipIds.NewTag();
        var dialog = new WatcherDialog(
            subscribe.CallId!,
            localTag,
            remoteTag,
            subscribe.From.Uri.ToString(),
            subscribe.To!.WithTag(localTag).ToString(),
            subscribe.From.ToString(),
            target.ToString(),
            subscribe.RecordRoutes.Select(r => r.ToString()).ToList(),
            subscribe.Event!.Id,
            now.AddSeconds(expires));
        return Accepted(subscribe, dialog, expires, localTag);
    }

    private AgentDecision Resubscribe(SipRequest subscribe, string localTag, int expires, DateTimeOffset now)
    {
        if (!_watchers.TryGetValue(subscribe.CallId + ";" + localTag, out var dialog) || dialog.RemoteTag != subscribe.From?.Tag)
        {
            return AgentDecision.Reply(SipResponse.CreateFor(subscribe, 481, "Subscription Does Not Exist"));
        }

        var target = subscribe.Contacts.FirstOrDefault()?.Uri?.ToString() ?? dialog.RemoteTarget;
        return Accepted(subscribe, dialog with { RemoteTarget = target, ExpiresAt = now.AddSeconds(expires) }, expires, localTag);
    }

    /// <summary>200 with Expires, then a NOTIFY at once (RFC 6665 4.2.1.2): active, or terminated for a fetch or an unsubscribe.</summary>
    private AgentDecision Accepted(SipRequest subscribe, WatcherDialog dialog, int expires, string localTag)
    {
        var response = SipResponse.CreateFor(subscribe, 200, toTag: localTag);
        WithHeader(response, HeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        WithHeader(response, HeaderNames.Contact, new NameAddress(settings.LocalContact).ToString());
        if (expires == 0)
        {
            object[] events = _watchers.ContainsKey(dialog.Id) ? [new WatcherRemoved(dialog.Id)] : [];
            return new AgentDecision(response, events, [new NotifyTarget(dialog, "terminated;reason=timeout")], false);
        }

        return new AgentDecision(response, [new WatcherStored(dialog)], [new NotifyTarget(dialog, $"active;expires={expires}")], false);
    }

    private bool Authorized(AnyUri subscriber) => settings.Policy switch
    {
        WatcherPolicy.SameDomain => subscriber is SipUri s && AnyUri.Parse(presentity) is SipUri p
            && string.Equals(s.Host, p.Host, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>RFC 6665 8.2 with RFC 3856 6.7: no Accept means PIDF; otherwise it must list it (or a wildcard).</summary>
    private static bool AcceptsPidf(SipRequest request)
    {
        var accepts = request.Headers.GetValues(HeaderNames.Accept);
        return accepts.Count == 0 || accepts.Any(a =>
        {
            var type = a.Split(';')[0].Trim();
            return type.Equals(PidfDocument.MediaType, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*";
        });
    }
}
