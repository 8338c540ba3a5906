using System.Text.RegularExpressions;
using Akka.Configuration;

namespace ClusterSip.Node.Configuration;

/// <summary>
/// One KEY=VALUE override from --set or an environment variable. A value that starts with [ { or "
/// is HOCON (a list, an object, a quoted string); anything else is taken literally as a string, so
/// connection strings and Akka addresses need no quoting.
/// </summary>
public static partial class KeyValueOverride
{
    public static ConfigLayer FromSet(string argument)
    {
        var origin = $"--set {argument}";
        var separator = argument.IndexOf('=');
        if (separator <= 0)
            throw new ConfigurationException($"{origin}: expected KEY=VALUE, e.g. --set cluster-sip.management.port=18558");
        return Layer(argument[..separator].Trim(), argument[(separator + 1)..], origin);
    }

    public static ConfigLayer Layer(string key, string value, string origin)
    {
        if (!KeyPattern().IsMatch(key))
            throw new ConfigurationException($"{origin}: '{key}' is not a configuration key (dot-separated words, e.g. cluster-sip.management.port)");

        var trimmed = value.Trim();
        var hocon = trimmed.StartsWith('[') || trimmed.StartsWith('{') || trimmed.StartsWith('"')
            ? trimmed
            : Quote(value);
        return new ConfigLayer(origin, HoconSyntax.Parse($"{key} = {hocon}", origin));
    }

    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex KeyPattern();
}
