using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Bench;

/// <summary>The alternative measured: an address-of-record's bindings kept in a durable (LMDB) DistributedData register instead of a journal.</summary>
public sealed class DurableDataEntity : ReceiveActor
{
    private readonly LWWRegisterKey<Binding[]> _key;
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly UniqueAddress _self = Cluster.Get(Context.System).SelfUniqueAddress;
    private Binding[] _bindings = [];

    public DurableDataEntity(string aor, RegistrarPolicy policy)
    {
        _key = new LWWRegisterKey<Binding[]>("aor-" + aor);
        Receive<RegisterCommand>(command =>
        {
            var outcome = BindingRules.Apply(_bindings, command, policy, DateTimeOffset.UtcNow);
            _bindings = outcome.Bindings;
            var bindings = outcome.Bindings;
            _replicator.Tell(Dsl.Update(_key, new LWWRegister<Binding[]>(_self, bindings), WriteLocal.Instance, (Sender, outcome),
                r => r.WithValue(_self, bindings)));
        });
        Receive<UpdateSuccess>(s =>
        {
            var (sender, outcome) = ((IActorRef, RegisterOutcome))s.Request!;
            sender.Tell(outcome);
        });
        Receive<IUpdateFailure>(f => Console.Error.WriteLine($"update of {f.Key} failed: {f}"));
    }
}
