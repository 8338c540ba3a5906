using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>The callbacks registered on a transaction, called in the order they were registered.</summary>
internal sealed class TransactionCallbacks
{
    // Copied on add: a callback may register another while the list is being called.
    private ITransactionCallbacks[] _registered = [];

    public void Add(ITransactionCallbacks callbacks) => _registered = [.. _registered, callbacks];

    public void RequestRelayed(int branch, SipRequest request)
    {
        foreach (var callbacks in _registered)
        {
            callbacks.OnRequestRelayed(branch, request);
        }
    }

    public void ResponseReceived(int branch, SipResponse response, bool faked)
    {
        foreach (var callbacks in _registered)
        {
            callbacks.OnResponseReceived(branch, response, faked);
        }
    }

    public void ResponseSent(SipResponse response, bool local)
    {
        foreach (var callbacks in _registered)
        {
            callbacks.OnResponseSent(response, local);
        }
    }

    public void Ack(SipRequest ack)
    {
        foreach (var callbacks in _registered)
        {
            callbacks.OnAck(ack);
        }
    }

    public void Ended()
    {
        foreach (var callbacks in _registered)
        {
            callbacks.OnEnded();
        }
    }
}
