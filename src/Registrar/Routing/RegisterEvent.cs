using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Registrar.Routing;

/// <summary>
/// The route event <c>REGISTER</c> (OpenSIPS's E_UL_CONTACT_INSERT / _UPDATE as one event): raised for each binding a
/// REGISTER added or refreshed, with the address-of-record, the contact URI and its expiry in seconds.
/// </summary>
public static class RegisterEvent
{
    public const string Name = "REGISTER";

    public const string Aor = "aor";

    public const string Contact = "contact";

    public const string Expires = "expires";

    public static void Raise(IRouteEventPublisher events, string aor, RegisterOutcome outcome, DateTimeOffset now)
    {
        foreach (var change in outcome.Changes.Where(c => c.Kind is BindingChangeKind.Added or BindingChangeKind.Refreshed))
        {
            events.Publish(RouteEvent.Of(
                Name,
                (Aor, aor),
                (Contact, change.Binding.Uri),
                (Expires, change.Binding.RemainingSeconds(now).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}
