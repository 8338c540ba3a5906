using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>One branch of a proxied request (RFC 3261 16.6): its request copy, its addresses, its client transaction, its outcome.</summary>
internal sealed class ProxyBranch(int index, SipRequest request, RelayFlags flags, ulong branchFlags, bool replica)
{
    /// <summary>The target of the branch: its Request-URI before any strict-routing rewrite (RFC 3261 16.5).</summary>
    public AnyUri Target { get; } = request.RequestUri;

    /// <summary>1-based, as <c>$T_branch_idx</c>.</summary>
    public int Index { get; } = index;

    /// <summary>The request to send, without our Via (each attempt pushes its own).</summary>
    public SipRequest Request { get; } = request;

    public RelayFlags Flags { get; } = flags;

    public ulong BranchFlags { get; set; } = branchFlags;

    /// <summary>A t_replicate copy: its replies are not relayed and take no part in choosing the best response.</summary>
    public bool Replica { get; } = replica;

    public IReadOnlyList<SipEndPoint> Destinations { get; set; } = [];

    public int DestinationIndex { get; set; }

    public int Attempt { get; set; }

    public ClientTransaction? Client { get; set; }

    public bool Pending { get; set; } = true;

    public bool CancelRequested { get; set; }

    /// <summary>The final response this branch ended with (received, or local: 408 timeout, 503 transport error).</summary>
    public SipResponse? Final { get; set; }

    public bool FinalIsLocal { get; set; }

    public bool CanFailOver => (Flags & RelayFlags.NoFailover) == 0 && DestinationIndex + 1 < Destinations.Count;
}
