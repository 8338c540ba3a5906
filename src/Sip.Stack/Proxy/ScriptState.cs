using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// What the routes keep in a transaction between runs (the tm module's per-transaction script state): message flags,
/// the armed branch/reply/failure routes, AVPs, fr timer overrides, the appended branches, what was replied, and the
/// callbacks registered on it.
/// </summary>
internal sealed class ScriptState
{
    public ulong Flags { get; set; }

    /// <summary>The flags the request route set were stored into the transaction (t_newtran, t_relay, t_reply).</summary>
    public bool FlagsCommitted { get; set; }

    public string? FailureRoute { get; set; }

    public string? ReplyRoute { get; set; }

    public string? BranchRoute { get; set; }

    public TimeSpan? FrTimerOverride { get; set; }

    public TimeSpan? FrInvTimerOverride { get; set; }

    public Dictionary<string, string> Avps { get; } = new(StringComparer.Ordinal);

    /// <summary>append_branch: targets for the next t_relay besides the Request-URI.</summary>
    public List<BranchTarget> DestinationSet { get; } = [];

    /// <summary>The Path of the Request-URI's target (a registered contact's, set with it): Route headers of its branch.</summary>
    public IReadOnlyList<NameAddress> RequestUriPath { get; set; } = [];

    /// <summary>$du: the next hop of the Request-URI's branch for the next t_relay, instead of resolving the Request-URI.</summary>
    public SipUri? DestinationUri { get; set; }

    public int LastReplyCode { get; private set; }

    public bool LastReplyLocal { get; private set; }

    public bool AllRepliesLocal { get; private set; } = true;

    public TransactionCallbacks Callbacks { get; } = new();

    /// <summary>add_rr_param: URI parameters of the Record-Route this proxy adds (a module's cookie).</summary>
    public List<SipParameter> RecordRouteParameters { get; } = [];

    public void Commit(RouteRun run)
    {
        Flags = run.MessageFlags;
        FlagsCommitted = true;
    }

    public void OnReplySent(int code, bool local)
    {
        LastReplyCode = code;
        LastReplyLocal = local;
        AllRepliesLocal &= local;
    }
}
