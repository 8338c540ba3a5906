using System.Net;
using System.Net.Sockets;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The IPEndPoint of each source address a receive loop has seen, so that a datagram from a known peer allocates no
/// address objects (an IPEndPoint, its IPAddress and a SocketAddress per datagram were 3% of a call's allocation).
/// One per receive thread; bounded, since sources are the peers' choice.
/// </summary>
internal sealed class SourceEndPoints(AddressFamily family)
{
    private const int Capacity = 4096;

    private readonly Dictionary<SocketAddress, IPEndPoint> _known = [];
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    /// <summary>A buffer for the socket to write a source into (<see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/>).</summary>
    public SocketAddress Received { get; } = new(family);

    /// <summary>The end point of the address last written into <see cref="Received"/>.</summary>
    public IPEndPoint Current()
    {
        if (_known.TryGetValue(Received, out var known))
        {
            return known;
        }

        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        var key = new SocketAddress(Received.Family, Received.Size);
        Received.Buffer.Span[..Received.Size].CopyTo(key.Buffer.Span);
        var endPoint = (IPEndPoint)_template.Create(key);
        _known.Add(key, endPoint);
        return endPoint;
    }
}
