using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Routing;

/// <summary>
/// The registrar in front of a route script, as Kamailio's default script uses it. For a domain of
/// cluster-sip.registrar.domains: a REGISTER is authenticated (when auth is on) and saved; any other initial request
/// is looked up (no binding: 404) and forked to the bindings in q order, equal q in parallel, a lower q only after every
/// branch of the higher one failed (t_load_contacts / t_next_contacts). Everything else goes to the inner script.
/// Both wait for the location service without blocking: the transaction suspends and the route resumes on its actor.
/// </summary>
public sealed class RegistrarRouteScript(IRouteScript inner, SipRegistrar registrar, string node) : IRouteScript
{
    public const string NextContactsRoute = "registrar-next-contacts";

    private const string PendingAvp = "registrar.next-contacts";

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.To?.Tag is not null || request.Routes.Count > 0 || request.Method is SipMethods.Ack or SipMethods.Cancel
            || request.RequestUri is not SipUri uri || !(registrar.Policy.Serves(uri.Host) || IsRegisterToThisNode(context, uri)))
        {
            inner.OnRequest(context);
            return;
        }

        if (request.Method == SipMethods.Register)
        {
            context.Await(registrar.Register(request, ReceivedFrom(request), node), (resumed, response) => resumed.TReply(response));
            return;
        }

        context.Await(registrar.Location.Lookup(AddressOfRecord.Of(uri)), (resumed, found) =>
        {
            var groups = ContactOrder.Groups(found.Bindings);
            if (groups.Count == 0)
            {
                resumed.TReply(404, "Not Found");
                return;
            }

            if (resumed.Routing.RecordRoute && request.Method is SipMethods.Invite or SipMethods.Subscribe or SipMethods.Refer)
            {
                resumed.RecordRoute();
            }

            Relay(resumed, groups);
        });
    }

    public void OnBranch(string name, RouteContext context) => inner.OnBranch(name, context);

    public void OnReply(string name, RouteContext context) => inner.OnReply(name, context);

    public void OnFailure(string name, RouteContext context)
    {
        if (name != NextContactsRoute)
        {
            inner.OnFailure(name, context);
            return;
        }

        if (!context.TWasCancelled() && context.Avps.TryGetValue(PendingAvp, out var pending))
        {
            Relay(context, PendingContacts.Decode(pending));
        }
    }

    /// <summary>Forks to the first group; the others wait in an AVP for the failure route.</summary>
    private static void Relay(RouteContext context, IReadOnlyList<IReadOnlyList<Binding>> groups)
    {
        var group = groups[0];
        if (groups.Count > 1)
        {
            context.Avps[PendingAvp] = PendingContacts.Encode(groups.Skip(1));
            context.TOnFailure(NextContactsRoute);
        }
        else
        {
            context.Avps.Remove(PendingAvp);
        }

        context.SetUri(group[0].Uri, group[0].Path);
        if (WebSocketFlows.Of(group[0]) is { } flow)
        {
            context.SetDestination(flow);
        }

        foreach (var binding in group.Skip(1))
        {
            context.AppendBranch(binding.Uri, binding.Path, WebSocketFlows.Of(binding));
        }

        context.TRelay();
    }

    // A phone configured with the registrar's address rather than its domain sends REGISTER sip:ADDRESS; the To
    // names the address-of-record (its domain is checked like any other), as Kamailio saves it under uri==myself.
    private bool IsRegisterToThisNode(RouteContext context, SipUri uri) =>
        context.Request.Method == SipMethods.Register && context.IsMyself(uri)
        && context.Request.To?.Uri is SipUri to && registrar.Policy.Serves(to.Host);

    /// <summary>transport:address:port the REGISTER came from, by its top Via (received and rport when a NAT rewrote them).</summary>
    private static string? ReceivedFrom(SipRequest request) =>
        request.TopVia is { } via
            ? $"{via.Transport.ToLowerInvariant()}:{via.Received ?? via.Host}:{via.Rport ?? via.Port ?? 5060}"
            : null;
}
