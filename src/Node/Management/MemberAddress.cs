using Akka.Actor;

namespace ClusterSip.Node.Management;

/// <summary>
/// Node addresses as URLs carry them: "akka.tcp://system@host:port", URL-encoded or not, or the short
/// form "system@host:port" (as Akka.Management accepts). Members match on system, host and port.
/// </summary>
public static class MemberAddress
{
    public const string DefaultProtocol = "akka.tcp";

    public static (Address? Address, string? Error) Parse(string text)
    {
        var decoded = Uri.UnescapeDataString(text.Trim());
        var full = decoded.Contains("://", StringComparison.Ordinal) ? decoded : $"{DefaultProtocol}://{decoded}";
        return Address.TryParse(full, out var address) && !string.IsNullOrEmpty(address.Host) && address.Port is > 0
            ? (address, null)
            : (null, $"'{decoded}' is not a node address: expected {DefaultProtocol}://system@host:port or system@host:port");
    }

    public static bool SameNode(Address a, Address b) =>
        a.System == b.System && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>system@host:port, the form log lines and URLs use.</summary>
    public static string Short(Address address) => $"{address.System}@{address.Host}:{address.Port}";
}
