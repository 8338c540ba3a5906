using System.Globalization;
using System.Net;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// A WebSocket client (RFC 7118) puts an unreachable host ("*.invalid") in its Contact: only its connection reaches it.
/// As Kamailio's add_contact_alias and handle_ruri_alias do, a message from such a client gets the connection's
/// address as an <c>alias</c> parameter of its Contact URI, so that a request later addressed to that Contact (the other
/// party's ACK, BYE or re-INVITE, a dialog's BYE) goes back over the connection: the next hop is taken from the alias,
/// which is removed from the Request-URI before the request leaves. A REGISTER keeps its Contact as registered: the
/// registrar reaches a binding through its received address.
/// </summary>
public static class ContactAlias
{
    public const string Parameter = "alias";

    private const char Separator = '~';

    /// <summary>Adds the alias to the single Contact of <paramref name="message"/>, received from <paramref name="remote"/>, when it needs one.</summary>
    public static void AddTo(SipMessage message, SipEndPoint remote)
    {
        if (remote.Protocol is not (SipProtocol.Ws or SipProtocol.Wss) || message is SipRequest { Method: SipMethods.Register }
            || message.Contacts is not [{ Address: { Uri: SipUri uri } address }]
            || !uri.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase) || uri.Parameters.Contains(Parameter))
        {
            return;
        }

        var alias = string.Join(Separator, remote.Address.Address.ToString(), remote.Address.Port.ToString(CultureInfo.InvariantCulture), remote.UriTransport);
        message.Headers.Set(HeaderNames.Contact, address.WithUri(uri.WithParameter(Parameter, alias)).ToString());
    }

    /// <summary>
    /// The connection a Request-URI's alias names (sip:ADDRESS:PORT;transport=ws|wss), the alias then removed from the
    /// Request-URI; null when it has none, or one this node did not write.
    /// </summary>
    public static SipUri? TakeFrom(SipRequest request)
    {
        if (request.RequestUri is not SipUri uri || uri.Parameters[Parameter] is not { } alias
            || alias.Split(Separator) is not [var host, var portText, var transport and ("ws" or "wss")]
            || !IPAddress.TryParse(host, out var address) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            return null;
        }

        request.RequestUri = uri.WithoutParameter(Parameter);
        var literal = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return SipUri.Parse($"sip:{literal}:{port.ToString(CultureInfo.InvariantCulture)};transport={transport}");
    }
}
