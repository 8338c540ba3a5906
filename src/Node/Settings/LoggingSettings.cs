using ClusterSip.Node.Configuration;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.logging.</summary>
public sealed record LoggingSettings(LogLevel Level)
{
    private static readonly Dictionary<string, LogLevel> Levels = new()
    {
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
    };

    /// <summary>The same level in Akka's words (akka.loglevel).</summary>
    public string AkkaLevel => Level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        _ => "ERROR",
    };

    public static LoggingSettings Read(SettingsReader reader) =>
        new(reader.Choice("cluster-sip.logging.level", Levels));
}
