using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Routing;

/// <summary>
/// A contact registered over a WebSocket (RFC 7118) is unreachable by its URI (its host is usually "*.invalid"):
/// requests to it go back over the connection its REGISTER came on, named by the binding's received address.
/// </summary>
public static class WebSocketFlows
{
    /// <summary>sip:ADDRESS:PORT;transport=ws|wss for a binding registered over WS or WSS; null for any other.</summary>
    public static SipUri? Of(Binding binding)
    {
        if (binding.Received is not { } received)
        {
            return null;
        }

        var transportEnd = received.IndexOf(':', StringComparison.Ordinal);
        var portStart = received.LastIndexOf(':');
        if (transportEnd <= 0 || portStart <= transportEnd || received[..transportEnd] is not ("ws" or "wss"))
        {
            return null;
        }

        var host = received[(transportEnd + 1)..portStart];
        var bracketed = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return SipUri.Parse($"sip:{bracketed}:{received[(portStart + 1)..]};transport={received[..transportEnd]}");
    }
}
