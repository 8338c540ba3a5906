using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Registrar.Location;

/// <summary>The response to a REGISTER (RFC 3261 10.3 step 8): a 200 lists every current binding with its remaining expiry.</summary>
public static class RegisterResponse
{
    public const string PathOption = "path";

    public static SipResponse Build(SipRequest request, RegisterOutcome outcome, DateTimeOffset now)
    {
        var response = SipResponse.CreateFor(request, outcome.Status, outcome.Reason);
        if (outcome.MinExpires is { } min)
        {
            response.Headers.Add(HeaderNames.MinExpires, min.ToString(CultureInfo.InvariantCulture));
        }

        if (!outcome.Accepted)
        {
            return response;
        }

        foreach (var binding in outcome.Bindings)
        {
            response.Headers.Add(HeaderNames.Contact, binding.Contact + ";expires=" + binding.RemainingSeconds(now).ToString(CultureInfo.InvariantCulture));
        }

        // RFC 3327 5.3: the Path values go back only to a UA that said it supports path.
        if (request.Supported.Contains(PathOption, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var hop in request.Headers.GetValues(RegisterReader.PathHeader))
            {
                response.Headers.Add(RegisterReader.PathHeader, hop);
            }
        }

        response.Headers.Add(HeaderNames.Date, now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }
}
