using System.Data.Common;
using ClusterSip.Registrar.Routing;

namespace ClusterSip.Node.Settings;

/// <summary>Settings as an operator reads them (--check-config), with secrets masked.</summary>
public static class SettingsSummary
{
    public static IEnumerable<string> Lines(NodeSettings settings)
    {
        var cluster = settings.Cluster;
        var management = settings.Management;
        yield return $"data-dir           {settings.DataDir}";
        yield return $"cluster            system {cluster.SystemName}, join {cluster.Join}, remoting {cluster.RemotingHost}:{cluster.RemotingPort}";
        yield return $"seed-nodes         {List(cluster.SeedNodes.Select(a => a.ToString()))}";
        yield return $"roles              {List(cluster.Roles)}";
        yield return $"management         {management.BindAddress}:{management.Port}, " +
                     (management.Token is null ? "no token (loopback only)" : "bearer token required");
        yield return $"sip listen         {List(settings.Sip.Listen.Select(e => e.ToString()))}";
        yield return $"dialogs            {(settings.Dialogs.Enabled ? "on" : "off")}, default-timeout {settings.Dialogs.DefaultTimeout.TotalSeconds:0}s";
        yield return $"interaction-proxy  tcp:{settings.InteractionProxy.EndPoint}";
        yield return $"persistence        {settings.Persistence.Provider.ToString().ToLowerInvariant()}: {MaskSecrets(settings.Persistence.ConnectionString)}" +
                     (settings.Persistence.Provider == PersistenceProvider.Sqlite ? $" (synchronous {settings.Persistence.SqliteSynchronous.ToString().ToLowerInvariant()})" : "");
        yield return $"logging            {settings.Logging.Level}";
        yield return $"routing            {(settings.Routing.Script.Length == 0 ? "default script" : settings.Routing.Script)}" +
                     (settings.Routing.Script == PushWakeupRouteScript.Name
                         ? $", push {settings.Push.Url?.ToString() ?? "off"}, timeout {settings.Push.Timeout.TotalSeconds:0}s"
                         : "");
        yield return $"callstore          {List(settings.Callstore.Enabled.Select(i => $"{i.Name} (group {i.Group}, order {i.Order}{(i.IsHostedBy(settings.Callstore.Aliases) ? ", hosted here" : "")})"))}";
    }

    /// <summary>A connection string with its password replaced by ***.</summary>
    public static string MaskSecrets(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in builder.Keys.Cast<string>().Where(k => k.Contains("password", StringComparison.OrdinalIgnoreCase) || k.Equals("pwd", StringComparison.OrdinalIgnoreCase)).ToList())
            builder[key] = "***";
        return builder.ConnectionString;
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all);
    }
}
