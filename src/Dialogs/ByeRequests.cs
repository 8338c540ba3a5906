using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// The BYE the dialog sends one party when the system ends the call (RFC 3261 15.1.1 with 12.2.1.1): to the party's
/// target, through the route set between this proxy and the party, as if from the other party (its tag, the next
/// CSeq of its side). The transaction layer adds the Via.
/// </summary>
internal static class ByeRequests
{
    public static SipRequest Create(string target, IReadOnlyList<string> routes, string fromHeader, string toHeader, string sipCallId, uint cseq)
    {
        var bye = new SipRequest(SipMethods.Bye, AnyUri.Parse(target));
        bye.Headers.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in routes)
        {
            bye.Headers.Add(HeaderNames.Route, "<" + route + ">");
        }

        bye.Headers.Add(HeaderNames.From, fromHeader);
        bye.Headers.Add(HeaderNames.To, toHeader);
        bye.Headers.Add(HeaderNames.CallId, sipCallId);
        bye.Headers.Add(HeaderNames.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + SipMethods.Bye);
        return bye;
    }
}
