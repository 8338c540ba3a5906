using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The bytes waiting in a socket's receive queue, from Linux's SO_MEMINFO (SK_MEMINFO_RMEM_ALLOC).</summary>
internal static class ReceiveBacklog
{
    private const int SolSocket = 1;
    private const int SoMemInfo = 55;
    private const int MemInfoVars = 9;

    public static bool IsAvailable => OperatingSystem.IsLinux();

    /// <summary>The receive queue in bytes.</summary>
    /// <exception cref="SocketException">The kernel refused the option.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public static long Read(Socket socket)
    {
        Span<uint> info = stackalloc uint[MemInfoVars];
        socket.GetRawSocketOption(SolSocket, SoMemInfo, MemoryMarshal.AsBytes(info));
        return info[0];
    }
}
