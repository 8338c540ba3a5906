using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// The bindings of one address-of-record, journaled so that another node recovers them when this one goes. It expires
/// bindings on its own timer and passivates once it has none.
/// </summary>
public sealed class AorActor : ReceivePersistentActor, IWithTimers
{
    private const int SnapshotEvery = 50;
    private const string ExpiryTimer = "expiry";

    // A record without bindings lingers this long (a lookup of an unregistered user is often followed by another).
    private static readonly TimeSpan IdleBeforePassivation = TimeSpan.FromSeconds(5);

    private readonly RegistrarPolicy _policy;
    private readonly UsrlocStatistics _statistics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Binding[] _bindings = [];
    private int _counted;

    public AorActor(string aor, RegistrarPolicy policy, UsrlocStatistics statistics)
    {
        _policy = policy;
        _statistics = statistics;
        PersistenceId = "aor|" + aor;

        Recover<BindingsStored>(e => _bindings = e.Bindings);
        Recover<SnapshotOffer>(o => _bindings = ((BindingsStored)o.Snapshot).Bindings);
        Recover<RecoveryCompleted>(_ => Changed(DateTimeOffset.UtcNow));

        Command<RegisterCommand>(OnRegister);
        Command<LookupBindings>(l => Sender.Tell(new AorBindings(l.Aor, Live(DateTimeOffset.UtcNow))));
        Command<RemoveBindings>(OnRemove);
        Command<ExpiryTick>(_ => OnExpiry());
        Command<ReceiveTimeout>(_ => RequestPassivation());
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(s => DeleteMessages(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "snapshot of {0} failed; recovery replays the journal", PersistenceId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "deleting journaled events of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string aor, RegistrarPolicy policy, UsrlocStatistics statistics) =>
        Akka.Actor.Props.Create(() => new AorActor(aor, policy, statistics));

    protected override void PostStop()
    {
        _statistics.Changed(_counted, 0);
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "journal rejected the bindings of {0}", PersistenceId);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void OnRegister(RegisterCommand command)
    {
        var now = DateTimeOffset.UtcNow;
        var outcome = BindingRules.Apply(_bindings, command, _policy, now);
        if (!outcome.Accepted || outcome.Changes.Length == 0)
        {
            Sender.Tell(outcome);
            return;
        }

        var sender = Sender;
        Store(outcome.Bindings, outcome.Changes.Count(c => c.Kind == BindingChangeKind.Expired), () => sender.Tell(outcome));
    }

    private void OnRemove(RemoveBindings remove)
    {
        var count = Live(DateTimeOffset.UtcNow).Length;
        var sender = Sender;
        if (_bindings.Length == 0)
        {
            sender.Tell(new BindingsRemoved(remove.Aor, 0));
            return;
        }

        Store([], 0, () => sender.Tell(new BindingsRemoved(remove.Aor, count)));
    }

    private void OnExpiry()
    {
        var (remaining, expired) = BindingRules.Expire(_bindings, DateTimeOffset.UtcNow);
        if (expired.Length > 0)
        {
            Store(remaining, expired.Length, () => { });
        }
        else
        {
            Changed(DateTimeOffset.UtcNow);
        }
    }

    private void Store(Binding[] bindings, int expired, Action done)
    {
        Persist(new BindingsStored(bindings), stored =>
        {
            _bindings = stored.Bindings;
            _statistics.Expire(expired);
            if (LastSequenceNr % SnapshotEvery == 0)
            {
                SaveSnapshot(stored);
            }

            // Counted before the reply: whoever got the 200 and reads the statistics next sees this binding.
            Changed(DateTimeOffset.UtcNow);
            done();
        });
    }

    /// <summary>Counts the bindings in the statistics, arms the timer for the next expiry, passivates when none is left.</summary>
    private void Changed(DateTimeOffset now)
    {
        _statistics.Changed(_counted, _bindings.Length);
        _counted = _bindings.Length;
        if (_bindings.Length == 0)
        {
            Timers.Cancel(ExpiryTimer);
            Context.SetReceiveTimeout(IdleBeforePassivation);
            return;
        }

        Context.SetReceiveTimeout(null);

        var next = _bindings.Min(b => b.ExpiresAt) - now;
        Timers.StartSingleTimer(ExpiryTimer, ExpiryTick.Instance, next > TimeSpan.Zero ? next : TimeSpan.Zero);
    }

    /// <summary>
    /// Asks the shard to stop this entity; the stop message waits behind anything already in the mailbox, and the
    /// shard holds back what arrives meanwhile, restarting the entity for it.
    /// </summary>
    private void RequestPassivation()
    {
        if (_bindings.Length == 0)
        {
            Context.SetReceiveTimeout(null);
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
        }
    }

    private Binding[] Live(DateTimeOffset now) => _bindings.Where(b => b.ExpiresAt > now).ToArray();

    private sealed class ExpiryTick
    {
        public static readonly ExpiryTick Instance = new();
    }

    private sealed class StopEntity
    {
        public static readonly StopEntity Instance = new();
    }
}
