namespace ClusterSip.Registrar.Auth;

/// <summary>What checking a request's credentials found; <paramref name="Reason"/> says why for anything but success (logs, reason phrases).</summary>
/// <param name="User">The authenticated user name (only with <see cref="AuthVerdict.Authenticated"/>).</param>
public sealed record AuthOutcome(AuthVerdict Verdict, string? User, string Reason)
{
    public bool IsAuthenticated => Verdict == AuthVerdict.Authenticated;

    public static AuthOutcome Success(string user) => new(AuthVerdict.Authenticated, user, "authenticated");

    public static AuthOutcome Fail(AuthVerdict verdict, string reason) => new(verdict, null, reason);
}
