using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Tests.Support;

/// <summary>A user agent on a loopback UDP socket: sends what a test writes, receives and parses what comes back.</summary>
public sealed class LoopbackUa : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public string Uri => $"sip:ua@{EndPoint}";

    public Task Send(IPEndPoint to, string message) => _socket.SendAsync(Encoding.UTF8.GetBytes(message), to).AsTask();

    public Task Send(IPEndPoint to, SipMessage message) => Send(to, message.ToString()!);

    /// <summary>Sends a request and returns the first final response.</summary>
    public async Task<SipResponse> Request(IPEndPoint to, string request)
    {
        await Send(to, request);
        return (SipResponse)await Receive(m => m is SipResponse { IsFinal: true });
    }

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

    public async Task<SipRequest> ReceiveRequest(string method) =>
        (SipRequest)await Receive(m => m is SipRequest request && request.Method == method);

    public async Task<SipResponse> ReceiveResponse(Func<SipResponse, bool> wanted) =>
        (SipResponse)await Receive(m => m is SipResponse response && wanted(response));

    /// <summary>
    /// This user agent's response to <paramref name="request"/>; a 2xx to an INVITE copies its Record-Route and carries
    /// this agent's Contact (<c>sip:user@endpoint</c>), as a UAS makes a dialog (RFC 3261 12.1.1).
    /// </summary>
    public SipResponse Answer(SipRequest request, int code, string? toTag, string user = "bob")
    {
        var response = SipResponse.CreateFor(request, code, toTag: toTag);
        if (request.Method == SipMethods.Invite && code is >= 200 and < 300)
        {
            foreach (var recordRoute in request.Headers.GetAll(HeaderNames.RecordRoute))
            {
                response.Headers.Add(HeaderNames.RecordRoute, recordRoute);
            }

            response.Headers.Add(HeaderNames.Contact, $"<sip:{user}@{EndPoint}>");
        }

        return response;
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

    public void Dispose() => _socket.Dispose();
}
