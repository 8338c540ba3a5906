using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Push;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Routing;

/// <summary>
/// The push wake-up example of OpenSIPS 2.3 (docs/event-routing.md), in front of the registrar's script: an initial
/// INVITE for a user of a served domain subscribes to REGISTER of its address-of-record, sends a push, and forks at once
/// to the contacts already registered; every contact that registers afterwards, on any node, gets a branch too. Nobody
/// answering within cluster-sip.push.timeout ends the call with 480. Everything else goes to <paramref name="inner"/>.
/// </summary>
public sealed class PushWakeupRouteScript(IRouteScript inner, SipRegistrar registrar, IRouteEvents events, PushNotifier push, PushSettings settings) : IRouteScript
{
    /// <summary>The value of cluster-sip.routing.script that selects this script.</summary>
    public const string Name = "push-wakeup";

    /// <summary>The contacts already forked to, one per line: a refreshing REGISTER does not ring a phone twice.</summary>
    private const string RungAvp = "push.rung";

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method != SipMethods.Invite || request.To?.Tag is not null || request.Routes.Count > 0
            || request.RequestUri is not SipUri uri || !registrar.Policy.Serves(uri.Host))
        {
            inner.OnRequest(context);
            return;
        }

        var aor = AddressOfRecord.Of(uri);
        if (context.Routing.RecordRoute)
        {
            context.RecordRoute();
        }

        events.Subscribe(
            context,
            RegisterEvent.Name,
            new Dictionary<string, string> { [RegisterEvent.Aor] = aor },
            (resumed, registered) => Fork(resumed, [(registered[RegisterEvent.Contact]!, PathOf(registered))]),
            settings.Timeout,
            expired: resumed =>
            {
                resumed.TReply(480, "Temporarily Unavailable");
                resumed.TCancelBranches();
            });
        push.Notify(new PushNotification(aor, request.From?.Uri.ToString() ?? "", request.CallId ?? ""));
        context.Await(registrar.Location.Lookup(aor), (resumed, found) => Fork(resumed, found.Bindings.Select(b => (b.Uri, (IReadOnlyList<string>)b.Path)).ToList()));
    }

    public void OnBranch(string name, RouteContext context) => inner.OnBranch(name, context);

    public void OnReply(string name, RouteContext context) => inner.OnReply(name, context);

    public void OnFailure(string name, RouteContext context) => inner.OnFailure(name, context);

    /// <summary>Desk and mobile ring in parallel: a branch for each contact not rung yet, along its Path (RFC 3327 5.3).</summary>
    private static void Fork(RouteContext context, IReadOnlyList<(string Uri, IReadOnlyList<string> Path)> contacts)
    {
        var rung = context.Avps.TryGetValue(RungAvp, out var list) ? list.Split('\n') : [];
        var fresh = contacts.Where(c => !rung.Contains(c.Uri)).DistinctBy(c => c.Uri).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        context.Avps[RungAvp] = string.Join('\n', [.. rung, .. fresh.Select(c => c.Uri)]);
        context.SetUri(fresh[0].Uri, fresh[0].Path);
        foreach (var (uri, path) in fresh.Skip(1))
        {
            context.AppendBranch(uri, path);
        }

        context.TRelay();
    }

    private static IReadOnlyList<string> PathOf(RouteEvent registered) =>
        registered[RegisterEvent.Path] is { Length: > 0 } path ? NameAddress.ParseList(path).Select(a => a.ToString()).ToList() : [];
}
