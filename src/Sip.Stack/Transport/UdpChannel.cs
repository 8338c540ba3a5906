using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>One bound UDP socket: receives datagrams into the intake and sends from the listening address.</summary>
internal sealed class UdpChannel : IDisposable
{
    private readonly Socket _socket;
    private readonly MessageIntake _intake;
    private readonly TransportMetrics _metrics;
    private readonly RateLimitedLog _faults;
    private readonly ILogger _log;
    private readonly int _maxMessageSize;
    private readonly OverloadDetector? _overload;
    private long _nextBacklogSample;
    private volatile bool _overloaded;

    private UdpChannel(Socket socket, MessageIntake intake, TransportMetrics metrics, RateLimitedLog faults, ILogger log, TransportSettings settings)
    {
        _socket = socket;
        _intake = intake;
        _metrics = metrics;
        _faults = faults;
        _log = log;
        _maxMessageSize = settings.MaxMessageSize;
        _overload = settings.UdpOverload is { } overload && ReceiveBacklog.IsAvailable ? new OverloadDetector(overload, Stopwatch.Frequency) : null;
        Local = new SipEndPoint(SipProtocol.Udp, (IPEndPoint)socket.LocalEndPoint!);
        ReceiveBufferSize = GrantedReceiveBufferSize(socket);
    }

    private static readonly TimeSpan ReceivePollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly long BacklogSampleInterval = Stopwatch.Frequency / 100;

    public long Id { get; } = ConnectionIds.Next();

    public SipEndPoint Local { get; }

    public AddressFamily Family => Local.Address.AddressFamily;

    /// <summary>The receive buffer the kernel granted the socket, in bytes (may be less than configured: see <see cref="ForceReceiveBufferSize"/>).</summary>
    public int ReceiveBufferSize { get; }

    public static UdpChannel Bind(IPEndPoint endPoint, TransportSettings settings, MessageIntake intake, TransportMetrics metrics, RateLimitedLog faults, ILogger log)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // Separate IPv4 and IPv6 listeners may share a port; IPv4-mapped sources would also spoil received.
                socket.DualMode = false;
            }

            socket.ReceiveBufferSize = settings.UdpReceiveBufferSize;
            ForceReceiveBufferSize(socket, settings.UdpReceiveBufferSize);
            socket.Bind(endPoint);
            return new UdpChannel(socket, intake, metrics, faults, log, settings);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Receives on <paramref name="loops"/> dedicated threads, each blocked in the socket's receive as a Kamailio worker
    /// is: one system call a datagram, where an asynchronous receive adds an epoll wait and a thread-pool hop to each
    /// (the figures are in docs/tm.md). The task ends when the socket is closed or the token is cancelled.
    /// </summary>
    public Task RunAsync(int loops, CancellationToken cancellationToken)
    {
        // The timeout only bounds how long a cancelled loop may stay blocked on an idle socket.
        _socket.ReceiveTimeout = (int)ReceivePollInterval.TotalMilliseconds;
        return Task.WhenAll(Enumerable.Range(0, loops).Select(i =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                ReceiveThread.MarkCurrent();
                ReceiveLoop(cancellationToken);
                done.SetResult();
            })
            {
                IsBackground = true,
                Name = $"sip-udp-{Local.Address.Port}-{i}",
            };
            thread.Start();
            return done.Task;
        }));
    }

    /// <summary>
    /// Linux caps SO_RCVBUF at net.core.rmem_max; a privileged process may go beyond it with SO_RCVBUFFORCE (as Unbound
    /// does), so the configured size holds wherever the node may set it. The buffer is what carries the node through a
    /// collection pause without dropping datagrams. Linux reports twice the size set.
    /// </summary>
    private static void ForceReceiveBufferSize(Socket socket, int size)
    {
        const int SolSocket = 1;
        const int SoRcvBufForce = 33;
        if (!OperatingSystem.IsLinux() || GrantedReceiveBufferSize(socket) >= size)
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(size));
        }
        catch (SocketException)
        {
            // Not privileged: the capped size stays.
        }
    }

    /// <summary>The size set that the kernel kept: Linux reports twice it (the other half covers its bookkeeping).</summary>
    private static int GrantedReceiveBufferSize(Socket socket) =>
        OperatingSystem.IsLinux() ? socket.ReceiveBufferSize / 2 : socket.ReceiveBufferSize;

    /// <summary>
    /// Sends one datagram. Synchronous: a UDP send completes at once unless the socket's send buffer is full, and the
    /// asynchronous path costs more than the send itself on a message path of a few microseconds.
    /// </summary>
    public SendResult Send(SipMessage message, IPEndPoint destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(message.GetByteCount());
        try
        {
            var length = message.WriteTo(buffer);
            _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, destination);
            _metrics.Sent(SipProtocol.Udp, message.IsRequest);
            return SendResult.Ok;
        }
        catch (SocketException e)
        {
            _metrics.SendFailed(SipProtocol.Udp);
            return SendResult.Failed("UDP send to " + destination + " failed: " + e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            _metrics.SendFailed(SipProtocol.Udp);
            return SendResult.Failed("the transport is closed");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _socket.Dispose();

    private void ReceiveLoop(CancellationToken cancellationToken)
    {
        // One byte more than accepted, so that an oversized datagram shows as such rather than truncated.
        var buffer = GC.AllocateUninitializedArray<byte>(Math.Min(_maxMessageSize, 65535) + 1);
        var sources = new SourceEndPoints(Family);
        var load = new ReceiveLoad(Stopwatch.GetTimestamp(), () => GC.CollectionCount(0), ThreadCpuTime.Current);
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, sources.Received);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotSocket or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException)
            {
                // A receive timeout (the loop then checks the token), or an ICMP error for an earlier send surfacing
                // here (e.g. connection reset): the socket still works.
                continue;
            }

            var source = sources.Current();
            var start = Stopwatch.GetTimestamp();
            if (_overload is not null && start >= Volatile.Read(ref _nextBacklogSample))
            {
                SampleBacklog(start);
            }

            try
            {
                Handle(buffer.AsMemory(0, length), source);
            }
            catch (Exception e)
            {
                // Whatever one datagram provokes, the listener must keep serving the others.
                _metrics.ReceiveFailed();
                _faults.Warning("UDP receive", e, "datagram of " + length + " bytes from " + source + " on " + Local);
            }

            load.Handled(start, Stopwatch.GetTimestamp());
            ReceiveThread.SetOffloading(load.Offloading);
        }
    }

    private void Handle(ReadOnlyMemory<byte> datagram, IPEndPoint source)
    {
        // CRLF keep-alives over UDP (sent by many UAs, though RFC 5626 4.4.2 uses STUN there) are ignored.
        if (datagram.Span.IndexOfAnyExcept("\r\n "u8) < 0)
        {
            return;
        }

        if (_intake.DropsUnparsed(source.Address))
        {
            return;
        }

        SipResponse? reply;
        if (datagram.Length > _maxMessageSize)
        {
            _metrics.Malformed(SipProtocol.Udp, MalformedReason.TooLarge);
            reply = ErrorResponses.TooLarge(datagram.ToArray());
        }
        else
        {
            reply = _intake.Accept(datagram.ToArray(), Local, new SipEndPoint(SipProtocol.Udp, source), Id, _overloaded)?.Response;
        }

        // An error response goes straight back to the source: the Via it would otherwise be routed by may be what is broken.
        if (reply is not null)
        {
            Send(reply, source);
        }
    }

    private void SampleBacklog(long now)
    {
        lock (_overload!)
        {
            if (now < _nextBacklogSample)
            {
                return; // another receive thread of this socket took the sample
            }

            Volatile.Write(ref _nextBacklogSample, now + BacklogSampleInterval);
            long backlog;
            try
            {
                backlog = ReceiveBacklog.Read(_socket);
            }
            catch (SocketException e)
            {
                _faults.Warning("UDP receive backlog", e, Local.ToString());
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the listener is stopping: its next receive ends the loop (an exception here would end the process)
            }

            if (!_overload.Sample(backlog, now))
            {
                return;
            }

            _overloaded = _overload.Overloaded;
            if (_overloaded)
            {
                _log.LogWarning(
                    "UDP listener {Local} is overloaded: {Backlog} bytes wait in its receive queue; new out-of-dialog requests are answered 503 until it drains",
                    Local,
                    backlog);
            }
            else
            {
                _log.LogWarning("UDP listener {Local} has drained its receive queue ({Backlog} bytes): new requests are served again", Local, backlog);
            }
        }
    }
}
