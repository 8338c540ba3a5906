using System.Net;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public class ContactAliasTests
{
    private static readonly SipEndPoint Browser = new(SipProtocol.Ws, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 50123));

    [Fact]
    public void A_message_from_a_websocket_client_with_an_invalid_contact_host_gets_its_connection_as_an_alias()
    {
        var invite = Parse(Invite("sip:bob@example.com", "<sip:alice@k3j2h1.invalid;transport=ws>;+sip.instance=\"<urn:x>\""));

        ContactAlias.AddTo(invite, Browser);

        Assert.Equal("<sip:alice@k3j2h1.invalid;transport=ws;alias=192.0.2.7~50123~ws>;+sip.instance=\"<urn:x>\"", invite.Headers.Get("Contact"));
    }

    [Theory]
    [InlineData("udp", "<sip:alice@k3j2h1.invalid;transport=ws>")] // not a WebSocket connection
    [InlineData("ws", "<sip:alice@192.0.2.7:50123;transport=ws>")] // a reachable host
    [InlineData("ws", "<sip:alice@k3j2h1.invalid;alias=10.0.0.1~5060~ws>")] // already aliased
    public void Other_contacts_are_left_as_they_are(string protocol, string contact)
    {
        var invite = Parse(Invite("sip:bob@example.com", contact));

        ContactAlias.AddTo(invite, Browser with { Protocol = protocol == "ws" ? SipProtocol.Ws : SipProtocol.Udp });

        Assert.Equal(contact, invite.Headers.Get("Contact"));
    }

    [Fact]
    public void A_register_keeps_its_contact_as_registered()
    {
        var register = Parse(Invite("sip:example.com", "<sip:alice@k3j2h1.invalid;transport=ws>").Replace("INVITE", "REGISTER"));

        ContactAlias.AddTo(register, Browser);

        Assert.Equal("<sip:alice@k3j2h1.invalid;transport=ws>", register.Headers.Get("Contact"));
    }

    [Fact]
    public void A_request_to_an_aliased_contact_goes_to_the_connection_and_leaves_without_the_alias()
    {
        var bye = (SipRequest)Parse(Invite("sip:alice@k3j2h1.invalid;transport=ws;alias=192.0.2.7~50123~wss", "<sip:bob@192.0.2.9>"));

        Assert.Equal("sip:192.0.2.7:50123;transport=wss", RouteSet.NextHop(bye).ToString());
        Assert.Equal("sip:alice@k3j2h1.invalid;transport=ws", bye.RequestUri.ToString());
    }

    [Theory]
    [InlineData("sip:alice@k3j2h1.invalid;alias=host~5060~ws")]
    [InlineData("sip:alice@k3j2h1.invalid;alias=192.0.2.7~99999~ws")]
    [InlineData("sip:alice@k3j2h1.invalid;alias=192.0.2.7~5060~udp")]
    [InlineData("sip:alice@k3j2h1.invalid;alias=192.0.2.7~5060")]
    public void An_alias_this_node_did_not_write_is_not_followed(string target)
    {
        var bye = (SipRequest)Parse(Invite(target, "<sip:bob@192.0.2.9>"));

        Assert.Equal(target, RouteSet.NextHop(bye).ToString());
    }

    private static SipMessage Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text));

    private static string Invite(string uri, string contact) =>
        $"INVITE {uri} SIP/2.0\r\nVia: SIP/2.0/WS k3j2h1.invalid;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n" +
        $"Contact: {contact}\r\nContent-Length: 0\r\n\r\n";
}
