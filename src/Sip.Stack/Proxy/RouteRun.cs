using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The state of one run of a route: what it concerns (request, reply, branch) and what the script changed (flags,
/// drop). <see cref="Core"/> is the transaction's proxy core; null for a request with no transaction (an ACK of a
/// 2xx), which can only be relayed statelessly.
/// </summary>
internal sealed class RouteRun(
    StatefulProxy proxy,
    ProxyCore? core,
    RouteKind kind,
    SipRequest request,
    SipResponse? reply = null,
    ProxyBranch? branch = null,
    ulong branchFlags = 0)
{
    public StatefulProxy Proxy { get; } = proxy;

    public ProxyCore? Core { get; } = core;

    public RouteKind Kind { get; } = kind;

    public SipRequest Request { get; } = request;

    public SipResponse? Reply { get; } = reply;

    public ProxyBranch? Branch { get; } = branch;

    public ulong BranchFlags { get; set; } = branchFlags;

    public ulong MessageFlags { get; set; } = core?.Script.Flags ?? 0;

    public bool Dropped { get; set; }

    /// <summary>The Route entry naming this proxy that the request arrived with (removed before routing, RFC 3261 16.4).</summary>
    public NameAddress? OwnRoute { get; init; }

    public bool UriChanged => !ReferenceEquals(OriginalUri, Request.RequestUri);

    private AnyUri OriginalUri { get; } = request.RequestUri;
}
