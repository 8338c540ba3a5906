using Akka.Actor;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// A location partition kept in memory only (Kamailio usrloc's db_mode 0): no write per REGISTER, and its records are
/// lost with the node that holds it.
/// </summary>
public sealed class MemoryPartition : UntypedActor, IWithTimers
{
    private readonly LocationTable _table;

    public MemoryPartition(RegistrarPolicy policy, UsrlocStatistics statistics) => _table = new LocationTable(policy, statistics);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RegistrarPolicy policy, UsrlocStatistics statistics) =>
        Akka.Actor.Props.Create(typeof(MemoryPartition), policy, statistics);

    protected override void PreStart() => Timers.StartPeriodicTimer(PartitionQueries.SweepTimer, SweepTick.Instance, PartitionQueries.SweepInterval);

    protected override void PostStop() => _table.Uncount();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RegisterCommand command:
                Sender.Tell(_table.Register(command, DateTimeOffset.UtcNow).Outcome);
                break;
            case RemoveBindings remove:
                Sender.Tell(new BindingsRemoved(remove.Aor, _table.Remove(remove.Aor, DateTimeOffset.UtcNow) ?? 0));
                break;
            default:
                if (!PartitionQueries.Answer(message, _table, Sender)) Unhandled(message);
                break;
        }
    }
}
