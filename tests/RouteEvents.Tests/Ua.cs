using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.RouteEvents.Tests;

/// <summary>A user agent on a loopback UDP socket.</summary>
public sealed class Ua : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public string Uri => $"sip:ua@{EndPoint}";

    public Task Send(IPEndPoint to, string message) => _socket.SendAsync(Encoding.UTF8.GetBytes(message), to).AsTask();

    public Task Send(IPEndPoint to, SipMessage message) => Send(to, message.ToString()!);

    public async Task<SipMessage> Receive(Func<SipMessage, bool> wanted, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var datagram = await _socket.ReceiveAsync(timeout.Token);
            var message = SipParser.Parse(datagram.Buffer);
            if (wanted(message)) return message;
        }
    }

    /// <summary>True when no message <paramref name="wanted"/> arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> Silent(Func<SipMessage, bool> wanted, TimeSpan quiet)
    {
        try
        {
            await Receive(wanted, quiet);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public string Invite(IPEndPoint proxy, string user, string callId, int timeoutMs) =>
        $"INVITE sip:{user}@{proxy} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=caller\r\n" +
        $"To: <sip:{user}@{proxy}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 INVITE\r\n" +
        $"Contact: <{Uri}>\r\n" +
        $"X-Timeout: {timeoutMs}\r\n" +
        "Content-Length: 0\r\n\r\n";

    public void Dispose() => _socket.Dispose();
}
