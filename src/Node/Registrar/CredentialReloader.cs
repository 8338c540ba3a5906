using System.Data.Common;
using Akka;
using ClusterSip.Registrar.Auth;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Node.Registrar;

/// <summary>
/// Reads the credentials table (cluster-sip.auth.table) at start and again every reload interval, off any thread that
/// carries messages. A read that fails is logged with its cause and the last good set stays in use; rows that cannot
/// authenticate anyone are named in the log and left out.
/// </summary>
public sealed class CredentialReloader(CredentialTable table, CredentialStore store, string name, TimeSpan every, ILogger log)
{
    private const int RejectedRowsLogged = 10;

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReadOnce(cancellationToken);
        _loop = Loop();
    }

    public async Task<Done> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Done.Instance;
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await ReadOnce(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            // stopped with the node
        }
    }

    private async Task ReadOnce(CancellationToken cancellationToken)
    {
        try
        {
            var (users, rejected) = await table.ReadAsync(cancellationToken);
            var before = store.TableCount;
            store.ReplaceTable(users);
            foreach (var row in rejected.Take(RejectedRowsLogged))
                log.LogWarning("credentials table {Table}: row {Row} is left out", name, row);
            if (rejected.Count > RejectedRowsLogged)
                log.LogWarning("credentials table {Table}: {More} more rows are left out", name, rejected.Count - RejectedRowsLogged);
            if (users.Count != before)
                log.LogInformation("credentials table {Table}: {Count} subscribers", name, users.Count);
        }
        catch (DbException e)
        {
            log.LogError(e, "reading the credentials table {Table} failed; the {Count} subscribers of the last read stay in use", name, store.TableCount);
        }
    }
}
