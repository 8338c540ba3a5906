using System.Collections.Concurrent;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of this node, read from any thread: each dialog by call id (registered when it is created, for the
/// management API and for inputs that name the call), and their routes by SIP Call-ID (kept by the request hook and
/// the INVITE's transaction callbacks, so that an ACK racing the 2xx finds the callee already). Both go when the
/// dialog actor stops.
/// </summary>
public sealed class DialogRegistry
{
    private readonly ConcurrentDictionary<string, LocalDialog> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DialogRoute> _bySipCallId = new(StringComparer.Ordinal);

    public void Add(LocalDialog dialog) => _byId[dialog.CallId] = dialog;

    public LocalDialog? Find(string callId) => _byId.GetValueOrDefault(callId);

    /// <summary>Every dialog, oldest first.</summary>
    public IReadOnlyList<DialogSummary> All() =>
        _byId.Values.Select(d => d.Summary()).OrderBy(d => d.StartTime).ThenBy(d => d.CallId, StringComparer.Ordinal).ToList();

    public void SetRoute(DialogRoute route) => _bySipCallId[route.SipCallId] = route;

    /// <summary>
    /// Changes the route of the call <paramref name="callId"/> if it is still the one kept for its Call-ID;
    /// <paramref name="change"/> gets <paramref name="argument"/>, so that it needs no closure.
    /// </summary>
    public void UpdateRoute<T>(string sipCallId, string callId, Func<DialogRoute, T, DialogRoute> change, T argument)
    {
        while (_bySipCallId.TryGetValue(sipCallId, out var current) && current.CallId == callId)
        {
            if (_bySipCallId.TryUpdate(sipCallId, change(current, argument), current))
            {
                return;
            }
        }
    }

    public DialogRoute? FindRoute(string sipCallId) => _bySipCallId.GetValueOrDefault(sipCallId);

    public void Remove(string callId, string sipCallId)
    {
        _byId.TryRemove(callId, out _);
        if (_bySipCallId.TryGetValue(sipCallId, out var route) && route.CallId == callId)
        {
            _bySipCallId.TryRemove(new KeyValuePair<string, DialogRoute>(sipCallId, route));
        }
    }
}
