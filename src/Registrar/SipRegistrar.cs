using ClusterSip.Registrar.Auth;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Routing;
using ClusterSip.Registrar.Sharding;
using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar;

/// <summary>
/// Kamailio's <c>www_authorize</c> + <c>save("location")</c> for one REGISTER: authenticate when auth is on, check the
/// request, apply it in the address-of-record's actor, answer. Never blocks: the answer comes as a task. As in
/// Kamailio, accepted_regs and rejected_regs count what the registrar answered, not the challenges of auth. Each binding
/// added or refreshed raises a <see cref="RegisterEvent"/> on <paramref name="events"/> (when given).
/// </summary>
public sealed class SipRegistrar(
    RegistrarPolicy policy,
    LocationService location,
    DigestAuthenticator? authenticator,
    RegistrarStatistics statistics,
    IRouteEventPublisher? events = null)
{
    public RegistrarPolicy Policy { get; } = policy;

    public LocationService Location { get; } = location;

    /// <param name="received">Where the REGISTER came from (transport:address:port).</param>
    /// <param name="node">This node's address, stored with the bindings.</param>
    public async Task<SipResponse> Register(SipRequest request, string? received, string node, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        if (authenticator is not null)
        {
            var auth = authenticator.Verify(request, AuthScope.Www, now);
            if (!auth.IsAuthenticated)
            {
                return authenticator.Reject(request, auth, AuthScope.Www, now); // auth's answer, not the registrar's: not counted
            }

            // RFC 3261 10.3 step 4: the authenticated user may register its own address-of-record only.
            if (request.To?.Uri is SipUri to && to.User != auth.User)
            {
                return Counted(SipResponse.CreateFor(request, 403, "Forbidden (not your address-of-record)"));
            }
        }

        var (command, rejection) = RegisterReader.Read(request, Policy, received, node);
        if (rejection is not null)
        {
            return Counted(RegisterResponse.Build(request, rejection, now));
        }

        try
        {
            var outcome = await Location.Register(command!, cancellationToken);
            now = DateTimeOffset.UtcNow;
            if (events is not null)
            {
                RegisterEvent.Raise(events, command!.Aor, outcome, now);
            }

            return Counted(RegisterResponse.Build(request, outcome, now));
        }
        catch (AskTimeoutException)
        {
            return Counted(SipResponse.CreateFor(request, 500, $"Server Internal Error (no answer from the location service of {command!.Aor} within {Location.AskTimeout.TotalSeconds:0.#} s)"));
        }
    }

    private SipResponse Counted(SipResponse response)
    {
        statistics.Count(response.StatusCode == 200);
        return response;
    }
}
