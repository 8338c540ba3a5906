using System.Collections.Concurrent;
using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The matching index of a node's transactions, read by the transports' threads so that a response, a retransmission or
/// an ACK goes straight to its transaction (RFC 3261 17.1.3, 17.2.3). Server transactions are added by the manager,
/// which alone creates them; client transactions add themselves before their first send. A server transaction is its
/// actor, then, in its wait state, a <see cref="LingeringServer"/> (the manager removes those that expired); a client
/// transaction likewise a <see cref="LingeringClient"/>. Each transaction removes its own entry when it ends, and only
/// while the entry is still its own.
/// </summary>
public sealed class TransactionIndex
{
    // Every transaction actor adds or removes entries, on as many threads: the default (one lock a core) left writers
    // waiting on each other, and growing the table takes every lock.
    private const int Locks = 64;
    private const int InitialCapacity = 16 * 1024;

    private readonly ConcurrentDictionary<TransactionKey, ServerEntry> _servers = new(Locks, InitialCapacity);
    private readonly ConcurrentDictionary<TransactionKey, ClientEntry> _clients = new(Locks, InitialCapacity);
    private readonly ConcurrentQueue<ILingering> _lingering = new();
    private long _sweeps;

    public TransactionCounts Counts => new(_servers.Count, _clients.Count);

    /// <summary>The actor of a server transaction that is not yet in its wait state.</summary>
    public IActorRef? FindServer(TransactionKey key) => (_servers.GetValueOrDefault(key) as RunningServer)?.Actor;

    /// <summary>A client transaction that is not yet in its wait state.</summary>
    public ClientTransaction? FindClient(TransactionKey key) => _clients.GetValueOrDefault(key) as ClientTransaction;

    internal ServerEntry? FindServerEntry(TransactionKey key) => _servers.GetValueOrDefault(key);

    internal ClientEntry? FindClientEntry(TransactionKey key) => _clients.GetValueOrDefault(key);

    internal void AddServer(TransactionKey key, IActorRef actor) => _servers[key] = new RunningServer(actor);

    internal void AddClient(TransactionKey key, ClientTransaction client) => _clients[key] = client;

    internal void RemoveServer(TransactionKey key, IActorRef actor) =>
        _servers.TryRemove(KeyValuePair.Create(key, (ServerEntry)new RunningServer(actor)));

    internal void RemoveClient(TransactionKey key, ClientTransaction client) => _clients.TryRemove(KeyValuePair.Create(key, (ClientEntry)client));

    /// <summary>Replaces <paramref name="actor"/>'s entry by <paramref name="lingering"/>; false when the entry is no longer the actor's.</summary>
    internal bool Linger(IActorRef actor, LingeringServer lingering) => Linger<ServerEntry, LingeringServer>(_servers, new RunningServer(actor), lingering);

    /// <summary>Replaces <paramref name="client"/>'s entry by <paramref name="lingering"/>; false when the entry is no longer the client's.</summary>
    internal bool Linger(ClientTransaction client, LingeringClient lingering) => Linger<ClientEntry, LingeringClient>(_clients, client, lingering);

    /// <summary>
    /// The sweep by which a transaction lingering from now for <paramref name="duration"/> has expired (sweeps count
    /// the manager's timer, so that lingering follows the scheduler's time, virtual in tests).
    /// </summary>
    internal long ExpirySweep(TimeSpan duration) =>
        Interlocked.Read(ref _sweeps) + (long)Math.Ceiling(duration / TransactionManager.SweepInterval) + 1;

    /// <summary>
    /// One sweep: removes the lingering transactions that expired; returns how many server transactions ended (those
    /// count as in use). They are queued as they start lingering, which is nearly the order they expire in (one wait
    /// time for all): one that expires before an earlier-queued one goes with it, late by at most their difference,
    /// never early.
    /// </summary>
    internal int Sweep()
    {
        var now = Interlocked.Increment(ref _sweeps);
        var removed = 0;
        while (_lingering.TryPeek(out var head) && head.ExpirySweep <= now && _lingering.TryDequeue(out head))
        {
            switch (head)
            {
                case LingeringServer server:
                    _servers.TryRemove(KeyValuePair.Create(server.Key, (ServerEntry)server));
                    removed++;
                    break;
                case LingeringClient client:
                    _clients.TryRemove(KeyValuePair.Create(client.Key, (ClientEntry)client));
                    break;
            }
        }

        return removed;
    }

    private bool Linger<TEntry, TLingering>(ConcurrentDictionary<TransactionKey, TEntry> entries, TEntry current, TLingering lingering)
        where TEntry : class
        where TLingering : TEntry, ILingering
    {
        if (!entries.TryUpdate(lingering.Key, lingering, current))
        {
            return false;
        }

        _lingering.Enqueue(lingering);
        return true;
    }
}
