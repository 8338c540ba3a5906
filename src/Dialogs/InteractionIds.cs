using System.Text;
using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Dialogs;

/// <summary>
/// The interaction id of a call: a random part and the host:port of the node that serves its dialog, hex-encoded so
/// that the id is safe in a URL path and in a SIP URI parameter (the Record-Route cookie). Any node finds the dialog's
/// node from the id alone; the random part keeps ids unique across the cluster and across restarts of a node.
/// </summary>
public static class InteractionIds
{
    private const char Separator = '-';

    // The node's part of the last id made: a node makes all its ids with its own address (tests run several nodes).
    private static NodePart? _last;

    public static string New(Address node)
    {
        var part = _last;
        if (part is null || !part.Node.Equals(node))
        {
            _last = part = new NodePart(node, Separator + Convert.ToHexStringLower(Encoding.ASCII.GetBytes($"{node.Host}:{node.Port}")));
        }

        return string.Concat(SipIds.NewTag(), part.Suffix);
    }

    /// <summary>
    /// The address of the node serving the call: <paramref name="self"/>'s protocol and system with the host and port
    /// the id names; null when the id is not one this cluster made.
    /// </summary>
    public static Address? NodeOf(string interactionId, Address self)
    {
        var separator = interactionId.LastIndexOf(Separator);
        if (separator <= 0 || !IsLowerHex(interactionId.AsSpan(separator + 1)))
        {
            return null;
        }

        var hostPort = Encoding.ASCII.GetString(Convert.FromHexString(interactionId.AsSpan(separator + 1)));
        var colon = hostPort.LastIndexOf(':');
        return colon > 0 && int.TryParse(hostPort.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535
            ? new Address(self.Protocol, self.System, hostPort[..colon], port)
            : null;
    }

    private sealed record NodePart(Address Node, string Suffix);

    private static bool IsLowerHex(ReadOnlySpan<char> s) => s.Length > 0 && s.Length % 2 == 0 && !s.ContainsAnyExcept("0123456789abcdef");
}
