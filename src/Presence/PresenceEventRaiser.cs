using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence;

/// <summary>
/// One actor's source of <see cref="PresenceEvent"/>s: raises the event when a document's basic or note differs from
/// what it raised last, so refresh NOTIFYs and re-PUBLISHes of the same status raise nothing.
/// </summary>
public sealed class PresenceEventRaiser(IRouteEventPublisher events, string presentity, params (string Key, string Value)[] identity)
{
    private (string Basic, string Note)? _last;

    public void Changed(PidfDocument document)
    {
        var summary = PresenceEvent.Summary(document);
        if (_last == summary)
        {
            return;
        }

        _last = summary;
        events.Publish(RouteEvent.Of(
            PresenceEvent.Name,
            [(PresenceEvent.Presentity, presentity), (PresenceEvent.Basic, summary.Basic), (PresenceEvent.Note, summary.Note), .. identity]));
    }
}
