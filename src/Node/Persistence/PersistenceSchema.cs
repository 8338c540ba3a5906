using Akka.Actor;
using Akka.Persistence;
using PersistenceSettings = ClusterSip.Node.Settings.PersistenceSettings;

namespace ClusterSip.Node.Persistence;

/// <summary>
/// Has the node's default journal and snapshot store create the tables (their auto-initialize) before anything else
/// journals, and waits until both have answered a read: the callstore's own journal and snapshot store, on the same
/// tables, do not create them (auto-initialize off) and start only afterwards. On PostgreSQL the creation runs under
/// <see cref="SchemaLock"/>, so nodes starting at once on an empty database create the tables one after another, the
/// first for real, the others finding them. Without this, two plugins creating the same table at the same moment made
/// PostgreSQL refuse one of them (duplicate key in pg_type), logged as an initialization failure and retried a second
/// later (docs/callstore.md, Handover after kill -9).
/// </summary>
public static class PersistenceSchema
{
    /// <summary>How long one question to a plugin waits: it answers once its tables exist, retrying its own failures.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The persistence id the plugins are asked about; it never journals anything.</summary>
    private const string ProbeId = "cluster-sip-schema";

    public static async Task CreateAsync(ActorSystem system, PersistenceSettings persistence, ILogger log, CancellationToken cancellationToken)
    {
        await using var held = await SchemaLock.AcquireAsync(persistence, log, cancellationToken);
        var plugins = Akka.Persistence.Persistence.Instance.Apply(system);
        await Task.WhenAll(
            AnswerAsync("journal", plugins.JournalFor(null), to => new ReplayMessages(1, 0, 0, ProbeId, to),
                answer => answer is RecoverySuccess, answer => (answer as ReplayMessagesFailure)?.Cause, log, cancellationToken),
            AnswerAsync("snapshot store", plugins.SnapshotStoreFor(null), _ => new LoadSnapshot(ProbeId, SnapshotSelectionCriteria.Latest, long.MaxValue),
                answer => answer is LoadSnapshotResult, answer => (answer as LoadSnapshotFailed)?.Cause, log, cancellationToken));
        log.LogInformation("journal and snapshot store tables ready");
    }

    private static async Task AnswerAsync(string plugin, IActorRef actor, Func<IActorRef, object> question, Func<object, bool> isSuccess,
        Func<object, Exception?> causeOf, ILogger log, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var answer = await actor.Ask<object>(question, AnswerBound, cancellationToken);
                if (isSuccess(answer)) return;
                log.LogWarning(causeOf(answer), "the {Plugin} could not read its table; asking again in {Delay}", plugin, RetryDelay);
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (AskTimeoutException)
            {
                log.LogWarning("the {Plugin} has not created its tables after {Bound} (its own log says why); still waiting", plugin, AnswerBound);
            }
        }
    }
}
