using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Persistence.Sql;
using ClusterSip.Registrar.Bench;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;

// REGISTERs per second through one shard region on a one-node cluster, each a new address-of-record, with the
// bindings kept by:
//   journal            the registrar's location partitions on Akka.Persistence.Sql (SQLite), as it ships;
//   memory             the same partitions in memory only (cluster-sip.registrar.storage = memory);
//   ddata              a durable (LMDB) DistributedData register per address-of-record;
//   ddata-memory       the same register without durability (replicated in memory only).
//   dotnet run -c Release --project tests/RegistrarBench -- MODE [registers] [in-flight]
// After the new records it prints the managed heap they added per address-of-record (one binding each, with the
// strings a parsed REGISTER gives it: contact, Call-ID, source address, user agent).
// With REGISTRAR_BENCH_PG set to an Npgsql connection string (scripts/pg.sh), the journal is PostgreSQL instead of SQLite.
var mode = args.Length > 0 ? args[0] : "journal";
var total = args.Length > 1 ? int.Parse(args[1]) : 2000;
var inFlight = args.Length > 2 ? int.Parse(args[2]) : 64;
var directory = Directory.CreateTempSubdirectory("registrar-bench-").FullName;
var policy = new RegistrarPolicy(["example.com"], 60, 3600, 3600, 0);

var postgres = Environment.GetEnvironmentVariable("REGISTRAR_BENCH_PG");
var (connection, provider) = postgres is { Length: > 0 } ? (postgres, "PostgreSQL.15") : ($"Data Source={directory}/journal.db", "SQLite.MS");
var config = ConfigurationFactory.ParseString($$"""
    akka {
      loglevel = WARNING
      actor.provider = cluster
      remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
      persistence {
        journal { plugin = "akka.persistence.journal.sql"
          sql { connection-string = "{{connection}}", provider-name = "{{provider}}", auto-initialize = on } }
        snapshot-store { plugin = "akka.persistence.snapshot-store.sql"
          sql { connection-string = "{{connection}}", provider-name = "{{provider}}", auto-initialize = on } }
      }
      cluster.distributed-data.durable { keys = [{{(mode == "ddata" ? "\"aor-*\"" : "")}}], lmdb.dir = "{{directory}}/ddata" }
    }
    """)
    .WithFallback(ClusterSharding.DefaultConfig())
    .WithFallback(ClusterSingleton.DefaultConfig())
    .WithFallback(DistributedData.DefaultConfig())
    .WithFallback(SqlPersistence.DefaultConfiguration);

var system = ActorSystem.Create("bench", config);
var cluster = Cluster.Get(system);
var up = new TaskCompletionSource();
cluster.RegisterOnMemberUp(() => up.SetResult());
await cluster.JoinAsync(cluster.SelfAddress);
await up.Task;

IActorRef region = mode switch
{
    "journal" or "memory" => LocationService.Start(system, policy, new UsrlocStatistics(), new LocationSettings(TimeSpan.FromSeconds(30), mode == "journal", 1000)).Region,
    "ddata" or "ddata-memory" => await ClusterSharding.Get(system).StartAsync("registrar-ddata", aor => Props.Create(() => new DurableDataEntity(aor, policy)),
        ClusterShardingSettings.Create(system), new AorMessageExtractor(100)),
    _ => throw new ArgumentException("mode is journal, memory, ddata or ddata-memory"),
};

RegisterCommand Register(int i, uint cseq) => new($"sip:user{i}@example.com", false,
    [new ContactRequest($"sip:user{i}@192.0.2.1:{5060 + i % 1000}", $"<sip:user{i}@192.0.2.1:{5060 + i % 1000}>", 600, null, null, null)],
    $"{Guid.NewGuid():N}@192.0.2.1", cseq, [], $"udp:192.0.2.1:{5060 + i % 1000}", new string("Bench/1.0 (SIP phone)".AsSpan()), "bench");

// Warm-up: journal tables, every partition's shard allocated (a record in each).
await Task.WhenAll(Enumerable.Range(-1000, 1000).Select(i => region.Ask<RegisterOutcome>(Register(i, 1), TimeSpan.FromSeconds(60))));
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

// First pass: every REGISTER creates its record (recovery finds nothing, one write); second pass: refreshes of live records.
foreach (var (pass, cseq) in new[] { ("new records", 1u), ("refreshes", 2u) })
{
    var clock = Stopwatch.StartNew();
    var gate = new SemaphoreSlim(inFlight);
    await Task.WhenAll(Enumerable.Range(0, total).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var outcome = await region.Ask<RegisterOutcome>(Register(i, cseq), TimeSpan.FromSeconds(60));
            if (!outcome.Accepted) throw new InvalidOperationException($"REGISTER {i} got {outcome.Status}");
        }
        finally
        {
            gate.Release();
        }
    }));
    Console.WriteLine($"{mode} ({provider}), {pass}: {total} REGISTERs ({inFlight} in flight) in {clock.Elapsed.TotalSeconds:F2} s = {total / clock.Elapsed.TotalSeconds:F0} REGISTER/s");
    if (cseq == 1)
    {
        var added = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine($"{mode}: managed heap grew {added / 1048576.0:F1} MB for {total} address-of-records = {added / (double)total:F0} bytes per AOR (one binding each)");
    }
}

await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
Directory.Delete(directory, recursive: true);
