using System.Globalization;
using System.Text;

namespace ClusterSip.Node.Logging;

/// <summary>
/// One log record as a logfmt line: ts=… level=… node=… logger=… msg="…" [error="…"].
/// Akka and ASP.NET records share it, so every console line names the node it came from.
/// </summary>
public static class LogLine
{
    public static string Format(DateTimeOffset timestamp, string level, string node, string logger, string message, Exception? error)
    {
        var line = new StringBuilder(160)
            .Append("ts=").Append(timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append(" level=").Append(level)
            .Append(" node=").Append(node)
            .Append(" logger=").Append(Quoted(logger))
            .Append(" msg=").Append(Quoted(message));
        if (error is not null) line.Append(" error=").Append(Quoted(error.ToString()));
        return line.ToString();
    }

    private static string Quoted(string value)
    {
        if (value.Length > 0 && !value.Any(c => c is ' ' or '"' or '=' or '\\' || char.IsControl(c))) return value;
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': break;
                case '\t': quoted.Append("\\t"); break;
                default: quoted.Append(c); break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
