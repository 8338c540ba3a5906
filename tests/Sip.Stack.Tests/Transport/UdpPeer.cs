using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>A UDP socket on loopback playing the remote SIP element.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket;

    public UdpPeer(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The sent-by text of this peer ("127.0.0.1:port", "[::1]:port").</summary>
    public string SentBy => EndPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{EndPoint.Address}]:{EndPoint.Port}"
        : $"{EndPoint.Address}:{EndPoint.Port}";

    public async Task SendAsync(string text, IPEndPoint to) =>
        await _socket.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, to);

    public async Task SendAsync(byte[] data, IPEndPoint to) => await _socket.SendToAsync(data, SocketFlags.None, to);

    public async Task<SipMessage> ReceiveAsync()
    {
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(Wait.Bound);
        var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(EndPoint.Address, 0), timeout.Token);
        return SipParser.Parse(buffer.AsSpan(0, result.ReceivedBytes));
    }

    public void Dispose() => _socket.Dispose();
}
