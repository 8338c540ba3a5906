using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterSip.Tests.Support;

/// <summary>Asks a node's SIP listener whether it answers: one OPTIONS over UDP, the status line of the reply.</summary>
public static class SipProbe
{
    public static async Task<string> OptionsOverUdpAsync(IPEndPoint node)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var request =
            $"OPTIONS sip:{node} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch=z9hG4bK-probe-{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:probe@{local}>;tag=probe\r\n" +
            $"To: <sip:{node}>\r\n" +
            $"Call-ID: {Guid.NewGuid():N}@probe\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(request), node);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var reply = await client.ReceiveAsync(timeout.Token);
        var text = Encoding.ASCII.GetString(reply.Buffer);
        return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
    }
}
