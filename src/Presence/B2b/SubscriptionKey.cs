using ClusterSip.Sip;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.B2b;

/// <summary>
/// The identity of one B2B subscription, its sharding entity id: the presentity and subscriber addresses reduced to
/// scheme, user and host (so a NOTIFY's From and To find the subscription its SUBSCRIBE's To and From started).
/// </summary>
public static class SubscriptionKey
{
    private const char Separator = ' ';

    /// <summary>The key, or the reason one of the addresses is not a URI.</summary>
    public static (string? Key, string? Error) TryOf(string presentity, string subscriber)
    {
        if (!AnyUri.TryParse(presentity, out var p))
        {
            return (null, $"presentity \"{presentity}\" is not a URI");
        }

        return AnyUri.TryParse(subscriber, out var s)
            ? (Address(p!) + Separator + Address(s!), null)
            : (null, $"subscriber \"{subscriber}\" is not a URI");
    }

    /// <summary>A NOTIFY comes from the presentity (From) to the subscriber (To).</summary>
    public static string? OfNotify(SipRequest notify) =>
        notify.From?.Uri is { } from && notify.To?.Uri is { } to ? Address(from) + Separator + Address(to) : null;

    public static (string Presentity, string Subscriber) Split(string key)
    {
        var at = key.IndexOf(Separator);
        return (key[..at], key[(at + 1)..]);
    }

    /// <exception cref="SipParseException">The text is not a URI.</exception>
    public static string Address(string uri) => Address(AnyUri.Parse(uri));

    public static string Address(AnyUri uri) => uri is SipUri sip
        ? $"{sip.Scheme}:{(sip.User is null ? "" : sip.User + "@")}{sip.Host.ToLowerInvariant()}{(sip.Port is { } port ? ":" + port : "")}"
        : uri.ToString();
}
