using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Callbacks on one proxied transaction, the tm module's TMCB_* callbacks: registered from a route with
/// <c>RouteContext.OnTransaction</c> (by the script or by a request hook of a module, e.g. dialogs), they follow the
/// transaction from then on. Every method has an empty default, so an implementation overrides only what it needs.
/// </summary>
/// <remarks>
/// All calls run on the transaction's actor, in the order of registration, one at a time: state kept by a callback
/// object needs no lock as long as only this transaction uses it. They must not block (the actor may run on a receive
/// thread); send slow work elsewhere as a message. A callback must not change the messages it is given. An exception
/// thrown by a callback ends the transaction with a 500 (docs/tm.md, Faults). An ACK of a 2xx belongs to no transaction
/// (RFC 3261 17): request hooks and the request route see it, not these callbacks.
/// </remarks>
public interface ITransactionCallbacks
{
    /// <summary>TMCB_REQUEST_FWDED: the request of branch <paramref name="branch"/> (1-based) is sent, our Via on top; again on each failover attempt.</summary>
    void OnRequestRelayed(int branch, SipRequest request)
    {
    }

    /// <summary>
    /// TMCB_RESPONSE_IN: a response came in on branch <paramref name="branch"/>, before the reply route and before it is
    /// relayed or chosen. <paramref name="faked"/>: the branch ended without one, 408 on timeout or 503 on a transport
    /// error (tm's fake_reply).
    /// </summary>
    void OnResponseReceived(int branch, SipResponse response, bool faked)
    {
    }

    /// <summary>TMCB_RESPONSE_OUT: a response went upstream, provisional or final; <paramref name="local"/> = generated here, not relayed.</summary>
    void OnResponseSent(SipResponse response, bool local)
    {
    }

    /// <summary>The ACK of a non-2xx final response, absorbed by the INVITE transaction (RFC 3261 17.2.1).</summary>
    void OnAck(SipRequest ack)
    {
    }

    /// <summary>TMCB_DESTROY: the transaction ended; nothing more is called.</summary>
    void OnEnded()
    {
    }
}
