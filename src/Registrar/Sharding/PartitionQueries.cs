using Akka.Actor;

namespace ClusterSip.Registrar.Sharding;

/// <summary>What every kind of location partition answers the same way from its table.</summary>
internal static class PartitionQueries
{
    public const string SweepTimer = "sweep";

    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>Answers a lookup, a listing or a sweep tick; false for any other message.</summary>
    public static bool Answer(object message, LocationTable table, IActorRef sender)
    {
        switch (message)
        {
            case LookupBindings lookup:
                sender.Tell(new AorBindings(lookup.Aor, table.Live(lookup.Aor, DateTimeOffset.UtcNow)));
                return true;
            case PartitionRecordsQuery:
                sender.Tell(new PartitionRecords(table.Records(DateTimeOffset.UtcNow)));
                return true;
            case SweepTick:
                table.Sweep(DateTimeOffset.UtcNow);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>The periodic timer's message: expired bindings leave the table.</summary>
internal sealed class SweepTick
{
    public static readonly SweepTick Instance = new();
}
