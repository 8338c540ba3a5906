using System.Globalization;
using ClusterSip.Sip;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence.Agent;

/// <summary>PUBLISH (RFC 3903 6): initial, refresh (no body), modify (body) and remove (Expires: 0) of a publication.</summary>
public sealed partial class PresentityState
{
    public AgentDecision Publish(SipRequest publish, DateTimeOffset now)
    {
        if (!IsPresenceEvent(publish))
        {
            return AgentDecision.Reply(BadEvent(publish));
        }

        var ifMatch = publish.Headers.Get(HeaderNames.SipIfMatch)?.Trim();
        var existing = ifMatch is null ? null : _publications.FirstOrDefault(p => p.ETag == ifMatch);
        if (ifMatch is not null && existing is null)
        {
            return AgentDecision.Reply(SipResponse.CreateFor(publish, 412, "Conditional Request Failed"));
        }

        if (!publish.Body.IsEmpty && ContentTypeOf(publish) is { } type && !type.IsType(PidfDocument.MediaType))
        {
            return AgentDecision.Reply(WithHeader(SipResponse.CreateFor(publish, 415), HeaderNames.Accept, PidfDocument.MediaType));
        }

        if (existing is null && publish.Body.IsEmpty)
        {
            return AgentDecision.Reply(SipResponse.CreateFor(publish, 400, "Initial PUBLISH Without Body"));
        }

        string? pidf = null;
        if (!publish.Body.IsEmpty)
        {
            if (!PidfParser.TryParse(publish.Body.Span, out _, out var error))
            {
                return AgentDecision.Reply(SipResponse.CreateFor(publish, 400, "Bad PIDF: " + OneLine(error!)));
            }

            pidf = System.Text.Encoding.UTF8.GetString(publish.Body.Span);
        }

        var (expires, refusal) = GrantedExpiry(publish);
        if (refusal is not null)
        {
            return AgentDecision.Reply(refusal);
        }

        if (expires == 0)
        {
            var removal = WithHeader(SipResponse.CreateFor(publish, 200), HeaderNames.Expires, "0");
            return existing is null
                ? AgentDecision.Reply(removal)
                : new AgentDecision(removal, [new PublicationRemoved(existing.ETag)], [], true);
        }

        var etag = SipIds.NewTag();
        var response = WithHeader(SipResponse.CreateFor(publish, 200), HeaderNames.SipETag, etag);
        WithHeader(response, HeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        pidf ??= existing!.Pidf;
        return new AgentDecision(response, [new PublicationStored(etag, existing?.ETag, pidf, now.AddSeconds(expires))], [], !publish.Body.IsEmpty);
    }

    private (int Expires, SipResponse? Refusal) GrantedExpiry(SipRequest request)
    {
        int? asked;
        try
        {
            asked = request.Expires;
        }
        catch (SipParseException)
        {
            asked = null;
        }

        var expires = asked ?? settings.DefaultExpires;
        if (expires > 0 && expires < settings.MinExpires)
        {
            var refusal = WithHeader(SipResponse.CreateFor(request, 423), HeaderNames.MinExpires, settings.MinExpires.ToString(CultureInfo.InvariantCulture));
            return (0, refusal);
        }

        return (Math.Min(expires, settings.MaxExpires), null);
    }

    private static bool IsPresenceEvent(SipRequest request)
    {
        try
        {
            return request.Event is { } e && e.Package.Equals("presence", StringComparison.OrdinalIgnoreCase);
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    private static MediaType? ContentTypeOf(SipRequest request)
    {
        try
        {
            return request.ContentType;
        }
        catch (SipParseException)
        {
            return new MediaType("unreadable", "type");
        }
    }

    private static SipResponse BadEvent(SipRequest request) =>
        WithHeader(SipResponse.CreateFor(request, 489, "Bad Event"), HeaderNames.AllowEvents, "presence");

    private static SipResponse WithHeader(SipResponse response, string name, string value)
    {
        response.Headers.Add(name, value);
        return response;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
