using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The dispatcher of the transaction managers and transaction actors. A mailbox scheduled on a transport's receive
/// thread runs right there, as a Kamailio worker handles the message it received, instead of waking a thread-pool worker
/// for it: on the machines measured, the wake-up and context switch cost more than the transaction's own work (numbers
/// in docs/tm.md). Anywhere else, on a receive thread whose load calls for the pool (<see cref="ReceiveLoad"/>), and on
/// one already running mailboxes nested <see cref="InlineExecutor.MaxDepth"/> deep, the mailbox goes to the .NET thread
/// pool as with the default dispatcher.
/// </summary>
public static class TransactionDispatcher
{
    public const string Id = "cluster-sip-transaction-dispatcher";

    /// <summary>Registers the dispatcher with <paramref name="system"/> (once; later calls find it there).</summary>
    public static void Register(ActorSystem system)
    {
        var dispatchers = system.Dispatchers;
        var config = ConfigurationFactory.ParseString(
                $"id = \"{Id}\"\nexecutor = \"{typeof(InlineExecutorConfigurator).AssemblyQualifiedName}\"")
            .WithFallback(dispatchers.DefaultDispatcherConfig);
        dispatchers.RegisterConfigurator(Id, new DispatcherConfigurator(config, dispatchers.Prerequisites));
    }
}

/// <summary>Creates the <see cref="InlineExecutor"/>; named in the dispatcher's configuration, so public.</summary>
public sealed class InlineExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    public override ExecutorService Produce(string id) => new InlineExecutor(id);
}

internal sealed class InlineExecutor(string id) : ExecutorService(id)
{
    /// <summary>
    /// A new request's manager, the transaction it creates, an actor that transaction tells (a dialog), and that actor's
    /// parent, which takes its creation and end as system messages; one level to spare. At 3 the dialogs' parents ran
    /// on the pool: about one context switch and 35-67 us of CPU more per call with dialogs, at 2,000 calls/s.
    /// </summary>
    public const int MaxDepth = 5;

    [ThreadStatic]
    private static int _depth;

    public override void Execute(IRunnable run)
    {
        if (!ReceiveThread.MayRunInline || _depth >= MaxDepth)
        {
            ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: true);
            return;
        }

        _depth++;
        try
        {
            run.Run();
        }
        finally
        {
            _depth--;
        }
    }

    public override void Shutdown()
    {
    }
}
