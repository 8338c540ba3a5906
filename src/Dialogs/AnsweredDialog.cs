namespace ClusterSip.Dialogs;

/// <summary>
/// A confirmed dialog of a call with one callee that answered (RFC 3261 12.1.2): a forked INVITE answered by several
/// callees has one each (13.2.2.4). <paramref name="Branch"/> is the branch the 2xx came on (1-based),
/// <paramref name="RoutesTowardsCallee"/> the route set from this proxy towards the callee, nearest first;
/// <paramref name="Ended"/> once a BYE ended this dialog.
/// </summary>
public sealed record AnsweredDialog(int Branch, string CalleeTag, string? CalleeTarget, string? CallerTarget, IReadOnlyList<string> RoutesTowardsCallee, bool Ended);
