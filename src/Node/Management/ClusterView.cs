using System.Runtime.CompilerServices;
using Akka.Cluster;

namespace ClusterSip.Node.Management;

/// <summary>The cluster state as the API reports it, read from the node's own view (no messages sent).</summary>
public static class ClusterView
{
    public static MembersResponse Members(Cluster cluster)
    {
        var state = cluster.State;
        var up = state.Members.Where(m => m.Status == MemberStatus.Up).ToList();
        return new MembersResponse(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            OldestUp(state.Members, role: null)?.Address.ToString(),
            state.AllRoles.Where(role => up.Any(m => m.HasRole(role)))
                .Order(StringComparer.Ordinal)
                .ToDictionary(role => role, role => OldestUp(up, role)!.Address.ToString()),
            state.Members.Select(m => Describe(m, state.Unreachable)).ToList(),
            state.Unreachable.Select(m => Describe(m, state.Unreachable)).ToList());
    }

    public static Member? Find(Cluster cluster, Akka.Actor.Address address) =>
        cluster.State.Members.Concat(cluster.State.Unreachable).FirstOrDefault(m => MemberAddress.SameNode(m.Address, address));

    public static MemberResponse Describe(Member member, IEnumerable<Member> unreachable)
    {
        var upNumber = UpNumber(member);
        return new MemberResponse(
            member.Address.ToString(),
            member.UniqueAddress.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            member.Status.ToString(),
            member.Roles.Order(StringComparer.Ordinal).ToList(),
            upNumber == int.MaxValue ? null : upNumber,
            !unreachable.Contains(member));
    }

    /// <summary>The oldest Up member with the role (any member when role is null): where a singleton runs.</summary>
    public static Member? OldestUp(IEnumerable<Member> members, string? role) =>
        members.Where(m => m.Status == MemberStatus.Up && (role is null || m.HasRole(role)))
            .Order(Member.AgeOrdering)
            .FirstOrDefault();

    // Akka.NET keeps a member's up-number internal; Akka.Management reports it, so read it directly.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_UpNumber")]
    private static extern int UpNumber(Member member);
}
