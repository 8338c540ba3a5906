namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The overload state of one UDP listener from samples of its receive backlog (<see cref="UdpOverloadSettings"/>).
/// A backlog that a collection pause leaves behind drains within a few hundred milliseconds when the node keeps up;
/// one that stays means the node does not, and every message then waits long enough for its sender to retransmit it,
/// which adds load: shedding new work breaks that circle.
/// </summary>
public sealed class OverloadDetector(UdpOverloadSettings settings, long ticksPerSecond)
{
    private readonly long _after = (long)(settings.After.TotalSeconds * ticksPerSecond);
    private long _aboveSince = -1;

    public bool Overloaded { get; private set; }

    /// <summary>Takes one sample; true when the state changed (<see cref="Overloaded"/> tells which way).</summary>
    /// <param name="backlogBytes">The socket's receive queue, in bytes.</param>
    /// <param name="now">A timestamp in ticks of ticksPerSecond.</param>
    public bool Sample(long backlogBytes, long now)
    {
        var was = Overloaded;
        if (backlogBytes >= settings.BacklogBytes)
        {
            if (_aboveSince < 0)
            {
                _aboveSince = now;
            }

            Overloaded = now - _aboveSince >= _after;
        }
        else if (backlogBytes < settings.BacklogBytes / 2)
        {
            _aboveSince = -1;
            Overloaded = false;
        }

        return was != Overloaded;
    }
}
