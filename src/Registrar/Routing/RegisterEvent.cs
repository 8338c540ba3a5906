using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Registrar.Routing;

/// <summary>
/// The route event <c>REGISTER</c> (OpenSIPS's E_UL_CONTACT_INSERT / _UPDATE as one event): raised for each binding a
/// REGISTER added or refreshed, with the address-of-record, the contact URI, its expiry in seconds and the Path it was
/// registered along (RFC 3327; the header's comma-separated form, empty when none), as OpenSIPS's event carries.
/// </summary>
public static class RegisterEvent
{
    public const string Name = "REGISTER";

    public const string Aor = "aor";

    public const string Contact = "contact";

    public const string Expires = "expires";

    public const string Path = "path";

    public static void Raise(IRouteEventPublisher events, string aor, RegisterOutcome outcome, DateTimeOffset now)
    {
        foreach (var change in outcome.Changes.Where(c => c.Kind is BindingChangeKind.Added or BindingChangeKind.Refreshed))
        {
            events.Publish(RouteEvent.Of(
                Name,
                (Aor, aor),
                (Contact, change.Binding.Uri),
                (Expires, change.Binding.RemainingSeconds(now).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (Path, string.Join(", ", change.Binding.Path))));
        }
    }
}
