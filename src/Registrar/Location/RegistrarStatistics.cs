namespace ClusterSip.Registrar.Location;

/// <summary>Kamailio registrar's statistics on this node: accepted_regs and rejected_regs (REGISTERs answered 200, and otherwise).</summary>
public sealed class RegistrarStatistics
{
    private long _accepted;
    private long _rejected;

    public void Count(bool accepted) => Interlocked.Increment(ref accepted ? ref _accepted : ref _rejected);

    public void Reset()
    {
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _rejected, 0);
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>
    {
        ["accepted_regs"] = Interlocked.Read(ref _accepted),
        ["rejected_regs"] = Interlocked.Read(ref _rejected),
    };
}
