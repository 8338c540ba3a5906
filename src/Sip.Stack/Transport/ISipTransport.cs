using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>What the transaction layer needs from the transports: where we listen, and sending.</summary>
public interface ISipTransport
{
    /// <summary>Every bound listener (the actual port when 0 was configured).</summary>
    IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>
    /// <see cref="LocalEndPoints"/> in the same order, as written in Via and Record-Route: a wildcard-bound listener
    /// appears with its advertised address (<see cref="TransportSettings.AdvertisedAddress"/>).
    /// </summary>
    IReadOnlyList<SipEndPoint> AdvertisedEndPoints => LocalEndPoints;

    /// <summary>
    /// Largest request sent over UDP, in bytes; a larger one goes over TCP when the node listens on TCP
    /// (RFC 3261 18.1.1). 0 = no limit.
    /// </summary>
    int UdpMtu => 0;

    /// <summary>The listener to put in the Via of a request sent over <paramref name="protocol"/>, with its advertised address.</summary>
    SipEndPoint GetLocalEndPoint(SipProtocol protocol);

    /// <summary>Sends a request to a resolved destination, reusing an open stream connection to it when there is one.</summary>
    ValueTask<SendResult> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a response where RFC 3261 18.2.2 and RFC 3581 say, from its top Via: over the connection the request came
    /// on while it is open (<paramref name="connectionId"/>), else to received/rport, maddr, or sent-by.
    /// </summary>
    ValueTask<SendResult> SendResponseAsync(SipResponse response, long connectionId = 0, CancellationToken cancellationToken = default);
}
