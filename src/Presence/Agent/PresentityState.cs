using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence.Agent;

/// <summary>
/// The presence agent's state of one presentity: its publications (RFC 3903) and SIP watchers (RFC 6665, RFC 3856).
/// Decisions (<see cref="Publish"/>, <see cref="Subscribe"/>, <see cref="Expire"/>) return events; only
/// <see cref="Apply"/> changes the state, so the actor journals first and a recovery replays the same events.
/// </summary>
public sealed partial class PresentityState(string presentity, PresenceAgentSettings settings)
{
    private readonly List<Publication> _publications = [];
    private readonly Dictionary<string, WatcherDialog> _watchers = [];
    private readonly Dictionary<string, uint> _notifyCSeq = [];
    private uint _firstNotifyCSeq = 1;

    public string Presentity => presentity;

    public IReadOnlyList<Publication> Publications => _publications;

    public IReadOnlyCollection<WatcherDialog> Watchers => _watchers.Values;

    /// <summary>The document watchers get: every publisher's tuples, the latest publication winning per tuple id.</summary>
    public PidfDocument Composed => PidfComposer.Compose(presentity, _publications.Select(p => p.Document));

    /// <summary>The earliest moment a publication or a watcher runs out.</summary>
    public DateTimeOffset? NextExpiry =>
        _publications.Select(p => (DateTimeOffset?)p.ExpiresAt).Concat(_watchers.Values.Select(w => (DateTimeOffset?)w.ExpiresAt)).Min();

    public void Apply(object @event)
    {
        switch (@event)
        {
            case PublicationStored stored:
                _publications.RemoveAll(p => p.ETag == stored.ETag || p.ETag == stored.Replaces);
                _publications.Add(new Publication(stored.ETag, PidfParser.Parse(stored.Pidf), stored.Pidf, stored.ExpiresAt));
                break;
            case PublicationRemoved removed:
                _publications.RemoveAll(p => p.ETag == removed.ETag);
                break;
            case WatcherStored stored:
                _watchers[stored.Dialog.Id] = stored.Dialog;
                break;
            case WatcherRemoved removed:
                _watchers.Remove(removed.Id);
                _notifyCSeq.Remove(removed.Id);
                break;
        }
    }

    /// <summary>
    /// After a recovery, NOTIFY CSeqs restart from the seconds elapsed since 2020: the NOTIFYs sent before the loss
    /// were not journaled, and a CSeq must keep increasing within a dialog (RFC 3261 12.2.1.1).
    /// </summary>
    public void Recovered(DateTimeOffset now) =>
        _firstNotifyCSeq = (uint)Math.Max(1, (now - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds);

    /// <summary>Events that remove what ran out by <paramref name="now"/>, and the watchers to tell (terminated;reason=timeout).</summary>
    public (IReadOnlyList<object> Events, IReadOnlyList<NotifyTarget> Notifies, bool StateChanged) Expire(DateTimeOffset now)
    {
        var publications = _publications.Where(p => p.ExpiresAt <= now).Select(p => (object)new PublicationRemoved(p.ETag)).ToList();
        var watchers = _watchers.Values.Where(w => w.ExpiresAt <= now).ToList();
        return (
            publications.Concat(watchers.Select(w => (object)new WatcherRemoved(w.Id))).ToList(),
            watchers.Select(w => new NotifyTarget(w, "terminated;reason=timeout")).ToList(),
            publications.Count > 0);
    }

    private uint NextNotifyCSeq(string watcherId)
    {
        var next = _notifyCSeq.TryGetValue(watcherId, out var last) ? last + 1 : _firstNotifyCSeq;
        _notifyCSeq[watcherId] = next;
        return next;
    }
}
