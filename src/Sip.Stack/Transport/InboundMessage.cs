using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// A parsed message as the transport hands it up: the listener it arrived on, the peer it came from, and for a
/// stream transport the connection it came over (so a response can reuse it, RFC 3261 18.2.2); for UDP the
/// ConnectionId names the listening socket, so that the response leaves from the address the request came to (RFC 3581 4).
/// For a request, RFC 3581 received/rport have already been applied to the top Via. <see cref="Overloaded"/>: the
/// listener it came from is overloaded (<see cref="UdpOverloadSettings"/>), so new work it brings is to be refused.
/// </summary>
public sealed record InboundMessage(SipMessage Message, SipEndPoint Local, SipEndPoint Remote, long ConnectionId, bool Overloaded = false);
