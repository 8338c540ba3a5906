using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>Transport layers on loopback with ephemeral ports.</summary>
internal static class Loopback
{
    /// <summary>UDP and TCP on port 0 of <paramref name="address"/> (127.0.0.1 by default), one UDP receive loop so order is kept.</summary>
    public static TransportSettings Settings(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        return NodeConfDefaults.Transport with
        {
            Listen = [new(SipProtocol.Udp, new IPEndPoint(address, 0)), new(SipProtocol.Tcp, new IPEndPoint(address, 0))],
            UdpReceiveLoops = 1,
        };
    }

    public static async Task<SipTransportLayer> StartAsync(
        ISipMessageSink sink, TransportSettings? settings = null, TestMeterFactory? meters = null, RecordingLogger? log = null)
    {
        var layer = new SipTransportLayer(meters, log);
        await layer.StartAsync(settings ?? Settings(), sink);
        return layer;
    }

    public static IPEndPoint Udp(this SipTransportLayer layer) => layer.GetLocalEndPoint(SipProtocol.Udp).Address;

    public static IPEndPoint Tcp(this SipTransportLayer layer) => layer.GetLocalEndPoint(SipProtocol.Tcp).Address;

    /// <summary>Whether this machine can bind ::1 (IPv6 loopback may be disabled, e.g. in some containers).</summary>
    public static bool HasIPv6()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
