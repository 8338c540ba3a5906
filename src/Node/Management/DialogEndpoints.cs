using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using ClusterSip.Dialogs;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Management;

/// <summary>
/// GET /dialogs (every member's dialogs, oldest first, paged with offset and limit), GET /dialogs/{callId} (with the
/// call's confirmed dialogs: one per callee that answered) and
/// DELETE /dialogs/{callId} (BYE to both sides, as Kamailio's dlg.end_dlg), answered from any node: the call id names
/// the node serving the dialog (<see cref="DialogLocator"/>).
/// </summary>
public static class DialogEndpoints
{
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder routes, ManagementSettings settings)
    {
        routes.MapGet("/dialogs", async (HttpRequest request, ActorSystem system, Cluster cluster, CancellationToken cancellationToken) =>
        {
            var (offset, offsetError) = Paging(request, "offset", 0, int.MaxValue, 0);
            var (limit, limitError) = Paging(request, "limit", 1, MaxLimit, 100);
            if ((offsetError ?? limitError) is { } error) return Results.BadRequest(new ErrorResponse(error));

            var members = cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving).ToList();
            var answers = await Task.WhenAll(members.Select(m => ListAsync(system, m.Address, settings.AskTimeout, cancellationToken)));
            var dialogs = answers.Where(a => a.List is not null).SelectMany(a => a.List!.Dialogs)
                .OrderBy(d => d.StartTime).ThenBy(d => d.CallId, StringComparer.Ordinal).ToList();
            var unanswered = answers.Where(a => a.List is null).Select(a => MemberAddress.Short(a.Node)).ToList();
            return Results.Ok(new DialogsResponse(dialogs.Count, offset, limit, dialogs.Skip(offset).Take(limit).Select(Response).ToList(), unanswered));
        });

        routes.MapGet("/dialogs/{callId}", (string callId, ActorSystem system, Cluster cluster, CancellationToken cancellationToken) =>
            AskDialogAsync(system, cluster, callId, GetDialog.Instance, settings.AskTimeout, cancellationToken, answer => answer switch
            {
                DialogDetails details => Results.Ok(Response(details.Summary) with { Dialogs = details.Answered.Select(Response).ToList() }),
                _ => null,
            }));

        routes.MapDelete("/dialogs/{callId}", (string callId, ActorSystem system, Cluster cluster, CancellationToken cancellationToken) =>
            AskDialogAsync(system, cluster, callId, new EndDialog("admin"), settings.AskTimeout, cancellationToken, answer => answer switch
            {
                EndResult { Ended: true } => Results.Ok(new MessageResponse($"call {callId} ended: BYE sent to both sides")),
                EndResult refused => Results.Conflict(new ErrorResponse($"call {callId} is {refused.State}, not answered: there is no dialog to end with BYE")),
                _ => null,
            }));
    }

    private static async Task<IResult> AskDialogAsync(
        ActorSystem system, Cluster cluster, string callId, object question, TimeSpan timeout, CancellationToken cancellationToken, Func<object, IResult?> answered)
    {
        if (DialogLocator.NodeOf(system, callId) is not { } node || DialogLocator.ManagerOf(system, callId) is not { } manager)
            return NotFound($"no dialog '{callId}': not a call id of this cluster");
        if (!cluster.State.Members.Any(m => MemberAddress.SameNode(m.Address, node)))
            return NotFound($"no dialog '{callId}': its node {MemberAddress.Short(node)} is not a member of the cluster (a node's dialogs end with it)");

        try
        {
            var answer = await manager.Ask<object>(new DialogEnvelope(callId, question), timeout, cancellationToken);
            return answered(answer) ?? NotFound($"no dialog '{callId}' on {MemberAddress.Short(node)}");
        }
        catch (AskTimeoutException)
        {
            return Results.Json(new ErrorResponse($"node {MemberAddress.Short(node)} did not answer for call {callId} within {timeout.TotalSeconds:0.###}s"),
                statusCode: StatusCodes.Status504GatewayTimeout);
        }
    }

    private static async Task<(Address Node, DialogList? List)> ListAsync(ActorSystem system, Address node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var manager = system.ActorSelection(new RootActorPath(node) / "user" / DialogManager.Name);
            return (node, await manager.Ask<DialogList>(ListDialogs.Instance, timeout, cancellationToken));
        }
        catch (AskTimeoutException)
        {
            return (node, null);
        }
    }

    private static (int Value, string? Error) Paging(HttpRequest request, string name, int min, int max, int absent)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (absent, null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"{name} must be a whole number from {min} to {max}, not '{text}'");
    }

    private static DialogResponse Response(DialogSummary d) => new(d.CallId, d.SipCallId, d.State.ToString(), d.From, d.To, d.Node, d.StartTime);

    private static AnsweredDialogResponse Response(AnsweredDialog d) =>
        new(d.Branch, d.CalleeTag, d.CalleeTarget, d.CallerTarget, d.RoutesTowardsCallee, d.Ended ? "Terminated" : "Confirmed");

    private static IResult NotFound(string reason) => Results.NotFound(new ErrorResponse(reason));
}
