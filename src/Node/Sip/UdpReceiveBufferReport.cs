using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Sip;

/// <summary>
/// What the node says at start about each UDP listener's receive buffer. Linux grants at most net.core.rmem_max unless
/// the node may force more (SO_RCVBUFFORCE); a smaller buffer drops datagrams in pauses the configured one would absorb.
/// </summary>
public static class UdpReceiveBufferReport
{
    /// <summary>One Warning per listener granted less than <paramref name="configured"/> bytes, one Information per other.</summary>
    public static void Log(ILogger log, int configured, IReadOnlyList<(SipEndPoint Local, int ReceiveBufferSize)> buffers)
    {
        foreach (var (local, granted) in buffers)
        {
            if (granted < configured)
            {
                log.LogWarning("UDP listener {Listener}: receive buffer is {Granted} bytes, less than the configured {Configured} " +
                    "(cluster-sip.sip.udp-receive-buffer-size); datagrams may be dropped under load: raise net.core.rmem_max, " +
                    "or grant CAP_NET_ADMIN for SO_RCVBUFFORCE", local, granted, configured);
            }
            else
            {
                log.LogInformation("UDP listener {Listener}: receive buffer is {Granted} bytes", local, granted);
            }
        }
    }
}
