using System.Collections.Concurrent;
using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The matching index of a node's transactions, read by the transports' threads so that a response, a retransmission or
/// an ACK goes straight to its transaction actor (RFC 3261 17.1.3, 17.2.3). Server transactions are added by the
/// manager, which alone creates them; client transactions add themselves before their first send. Each transaction
/// removes its own entry when it ends, and only while the entry is still its own.
/// </summary>
public sealed class TransactionIndex
{
    // Every transaction actor adds or removes entries, on as many threads: the default (one lock a core) left writers
    // waiting on each other, and growing the table takes every lock.
    private const int Locks = 64;
    private const int InitialCapacity = 16 * 1024;

    private readonly ConcurrentDictionary<TransactionKey, IActorRef> _servers = new(Locks, InitialCapacity);
    private readonly ConcurrentDictionary<TransactionKey, ClientTransaction> _clients = new(Locks, InitialCapacity);

    public TransactionCounts Counts => new(_servers.Count, _clients.Count);

    public IActorRef? FindServer(TransactionKey key) => _servers.GetValueOrDefault(key);

    public ClientTransaction? FindClient(TransactionKey key) => _clients.GetValueOrDefault(key);

    internal void AddServer(TransactionKey key, IActorRef actor) => _servers[key] = actor;

    internal void AddClient(TransactionKey key, ClientTransaction client) => _clients[key] = client;

    internal void RemoveServer(TransactionKey key, IActorRef actor) => _servers.TryRemove(KeyValuePair.Create(key, actor));

    internal void RemoveClient(TransactionKey key, ClientTransaction client) => _clients.TryRemove(KeyValuePair.Create(key, client));
}
