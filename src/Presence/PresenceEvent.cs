using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence;

/// <summary>
/// The route event <c>PRESENCE</c>: a presentity's status changed, as the B2B UA learnt it from a NOTIFY
/// (<c>source</c> = <c>b2b</c>, with the <c>subscriber</c> it watches for) or as the agent composed it from PUBLISHes
/// (<c>source</c> = <c>agent</c>), so that an event-driven route can wait for "bob is open".
/// </summary>
public static class PresenceEvent
{
    public const string Name = "PRESENCE";

    /// <summary>The presentity as <c>scheme:user@host[:port]</c> (<see cref="B2b.SubscriptionKey.Address(string)"/>).</summary>
    public const string Presentity = "presentity";

    /// <summary><c>open</c> when any tuple is open, otherwise <c>closed</c> (a document with no tuples included).</summary>
    public const string Basic = "basic";

    /// <summary>The first presentity note, else the first note of the first tuple with that basic value, else "".</summary>
    public const string Note = "note";

    public const string Source = "source";

    public const string Subscriber = "subscriber";

    public const string FromAgent = "agent";

    public const string FromB2b = "b2b";

    public static (string Basic, string Note) Summary(PidfDocument document)
    {
        var open = document.Tuples.Any(t => t.Basic == PidfBasic.Open);
        var basic = open ? PidfBasic.Open : PidfBasic.Closed;
        var note = document.Notes.FirstOrDefault()?.Text
            ?? document.Tuples.Where(t => (t.Basic ?? PidfBasic.Closed) == basic).SelectMany(t => t.Notes).FirstOrDefault()?.Text
            ?? "";
        return (open ? "open" : "closed", note);
    }
}
