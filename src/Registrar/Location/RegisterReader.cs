using System.Globalization;
using ClusterSip.Sip;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Location;

/// <summary>
/// Checks a REGISTER before any binding is touched (RFC 3261 10.3 steps 5-7 as far as they need no state): the
/// address-of-record, the Contacts, their expiry. A request that fails here gets its 4xx and changes nothing.
/// </summary>
public static class RegisterReader
{
    public const string PathHeader = "Path";

    /// <summary>The command to apply, or the rejection to answer.</summary>
    /// <param name="received">Where the request came from, stored with its bindings.</param>
    /// <param name="node">The node that received it.</param>
    public static (RegisterCommand? Command, RegisterOutcome? Rejection) Read(SipRequest request, RegistrarPolicy policy, string? received, string node)
    {
        try
        {
            return Check(request, policy, received, node);
        }
        catch (SipParseException e)
        {
            return (null, RegisterOutcome.Reject(400, "Bad Request (" + e.Message + ")"));
        }
    }

    private static (RegisterCommand?, RegisterOutcome?) Check(SipRequest request, RegistrarPolicy policy, string? received, string node)
    {
        if (request.To?.Uri is not SipUri to)
        {
            return Fail(400, "Bad Request (To must be a SIP or SIPS URI)");
        }

        if (!policy.Serves(to.Host))
        {
            return Fail(404, "Not Found (domain not served here)");
        }

        if (!TryDeltaSeconds(request.Headers.Get(HeaderNames.Expires), out var headerExpires))
        {
            return Fail(400, "Bad Request (Expires is not delta-seconds)");
        }

        var path = request.Headers.GetValues(PathHeader).ToArray();
        foreach (var hop in path)
        {
            NameAddress.Parse(hop);
        }

        var contacts = request.Contacts;
        var aor = AddressOfRecord.Of(to);
        var callId = request.CallId!;
        var cseq = request.CSeq!.Number;
        var userAgent = request.Headers.Get(HeaderNames.UserAgent);
        if (contacts.Any(c => c.IsWildcard))
        {
            // RFC 3261 10.3 step 6.
            if (contacts.Count > 1)
            {
                return Fail(400, "Bad Request (Contact * with other contacts)");
            }

            if (headerExpires != 0)
            {
                return Fail(400, "Bad Request (Contact * needs Expires: 0)");
            }

            return (new RegisterCommand(aor, true, [], callId, cseq, path, received, userAgent, node), null);
        }

        var checkedContacts = new ContactRequest[contacts.Count];
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (!TryContact(contact, headerExpires ?? policy.DefaultExpires, out var parsed, out var problem))
            {
                return Fail(400, "Bad Request (" + problem + ")");
            }

            checkedContacts[i] = parsed!;
        }

        return (new RegisterCommand(aor, false, checkedContacts, callId, cseq, path, received, userAgent, node), null);
    }

    private static bool TryContact(ContactHeader contact, int defaultExpires, out ContactRequest? parsed, out string problem)
    {
        parsed = null;
        var parameters = contact.Parameters;
        if (!TryDeltaSeconds(parameters.TryGetValue("expires", out var e) ? e ?? "" : null, out var expires))
        {
            problem = "Contact expires is not delta-seconds";
            return false;
        }

        if (parameters.Contains("q") && contact.Q is null)
        {
            problem = "Contact q is not a number from 0 to 1";
            return false;
        }

        var instance = parameters.GetUnquoted("+sip.instance");
        int? regId = null;
        if (instance is not null && parameters.TryGetValue("reg-id", out var r))
        {
            if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                problem = "reg-id is not a positive number";
                return false;
            }

            regId = id;
        }

        var address = contact.Address!;
        parsed = new ContactRequest(address.Uri.ToString(), address.WithoutParameter("expires").ToString(), expires ?? defaultExpires, contact.Q, instance, regId);
        problem = "";
        return true;
    }

    /// <summary>delta-seconds (RFC 3261 25.1: 1*DIGIT); values beyond 2**31-1 are clamped. Null text = absent.</summary>
    private static bool TryDeltaSeconds(string? text, out int? seconds)
    {
        seconds = null;
        if (text is null)
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        seconds = ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= int.MaxValue ? (int)v : int.MaxValue;
        return true;
    }

    private static (RegisterCommand?, RegisterOutcome?) Fail(int status, string reason) => (null, RegisterOutcome.Reject(status, reason));
}
