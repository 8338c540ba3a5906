using System.Diagnostics.Metrics;
using System.Net.Sockets;
using ClusterSip.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The UDP, TCP, TLS, WS and WSS transports: binds the configured listeners, hands every parsed inbound message to the sink
/// (requests with RFC 3581 received/rport applied), and sends requests and responses. Knows nothing of transactions.
/// Construct it, give it to the layer above, then <see cref="StartAsync"/> it with that layer's sink, which is called
/// concurrently from every listener and connection.
/// </summary>
public sealed class SipTransportLayer : ISipTransport, IAsyncDisposable
{
    /// <summary>The name of the meter the transports report on.</summary>
    public const string MeterName = "ClusterSip.Sip.Transport";

    private const int New = 0;
    private const int Running = 1;
    private const int Disposed = 2;

    private static readonly SendResult NotRunning = SendResult.Failed("the transport layer is not running");

    private readonly TransportMetrics _metrics;
    private readonly RateLimitedLog _faults;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _loops = [];
    private UdpChannel[] _udp = [];
    private TcpAcceptor[] _streamListeners = [];
    private TcpConnections? _tcp;
    private Pike? _pike;
    private int _state;

    /// <param name="meterFactory">Creates the <see cref="MeterName"/> meter; without one the layer creates and owns it.</param>
    /// <param name="loggerFactory">Where faults a listener survives are logged (rate-limited); none: not logged.</param>
    public SipTransportLayer(IMeterFactory? meterFactory = null, ILoggerFactory? loggerFactory = null)
    {
        _metrics = new TransportMetrics(meterFactory);
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SipTransportLayer>();
        _faults = new RateLimitedLog(_log);
    }

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; private set; } = [];

    public IReadOnlyList<SipEndPoint> AdvertisedEndPoints { get; private set; } = [];

    public int UdpMtu { get; private set; }

    /// <summary>Sources the pike exempts besides its trusted networks; the node keeps the other cluster members here.</summary>
    public TrustedPeers ClusterPeers { get; } = new();

    /// <summary>
    /// Each bound UDP listener with the receive buffer the kernel granted it, in bytes: less than
    /// <see cref="TransportSettings.UdpReceiveBufferSize"/> where Linux capped it at net.core.rmem_max.
    /// </summary>
    public IReadOnlyList<(SipEndPoint Local, int ReceiveBufferSize)> UdpReceiveBuffers { get; private set; } = [];

    /// <summary>Binds every configured listener and starts receiving.</summary>
    /// <exception cref="SocketException">A listener could not be bound; nothing is left bound.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or timeout in the settings is not positive.</exception>
    /// <exception cref="InvalidOperationException">Already started or disposed, or a TLS listener is configured without a certificate.</exception>
    public async Task StartAsync(TransportSettings settings, ISipMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxMessageSize, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxTcpConnectionsPerSource, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegative(settings.MaxTcpConnections, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.UdpReceiveLoops, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.TcpIdleTimeout, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.TcpMessageReadTimeout, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.TcpConnectTimeout, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.TcpSendTimeout, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Tls.HandshakeTimeout, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Pike.Requests, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Pike.Period, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Pike.BlockTime, TimeSpan.Zero, nameof(settings));
        if (settings.Tls.Identity is null && settings.Listen.Any(l => l.Protocol is SipProtocol.Tls or SipProtocol.Wss))
        {
            throw new InvalidOperationException("A TLS listener needs a certificate (TlsSettings.Identity).");
        }

        if (Interlocked.CompareExchange(ref _state, Running, New) != New)
        {
            throw new InvalidOperationException("The transport layer was already started or disposed.");
        }

        var pike = new Pike(settings.Pike, _metrics, _faults, ClusterPeers);
        var intake = new MessageIntake(sink, _metrics, _faults, pike);
        var tcp = new TcpConnections(settings, intake, _metrics, _faults, (protocol, family) => StreamListenerFor(protocol, family)?.Local);
        var udp = new List<UdpChannel>();
        var listeners = new List<TcpAcceptor>();
        var locals = new List<SipEndPoint>();
        try
        {
            foreach (var endPoint in settings.Listen)
            {
                if (endPoint.Protocol == SipProtocol.Udp)
                {
                    udp.Add(UdpChannel.Bind(endPoint.Address, settings, intake, _metrics, _faults, _log));
                    locals.Add(udp[^1].Local);
                }
                else
                {
                    listeners.Add(TcpAcceptor.Bind(endPoint.Address, endPoint.Protocol, tcp));
                    locals.Add(listeners[^1].Local);
                }
            }
        }
        catch
        {
            udp.ForEach(u => u.Dispose());
            listeners.ForEach(l => l.Dispose());
            await tcp.DisposeAsync().ConfigureAwait(false);
            pike.Dispose();
            Volatile.Write(ref _state, New);
            throw;
        }

        _udp = [.. udp];
        _streamListeners = [.. listeners];
        _tcp = tcp;
        _pike = pike;
        LocalEndPoints = locals;
        UdpMtu = settings.UdpMtu;
        UdpReceiveBuffers = udp.ConvertAll(u => (u.Local, u.ReceiveBufferSize));
        AdvertisedEndPoints = locals.ConvertAll(l => AdvertisedAddresses.For(l, settings.AdvertisedAddress));
        _loops.AddRange(_udp.Select(u => u.RunAsync(settings.UdpReceiveLoops, _shutdown.Token)));
        _loops.AddRange(_streamListeners.Select(l => l.RunAsync(_shutdown.Token)));
    }

    /// <summary>The sources the pike blocks now (none before start).</summary>
    public IReadOnlyList<BlockedSource> BlockedSources() => Volatile.Read(ref _pike)?.Blocked() ?? [];

    public SipEndPoint GetLocalEndPoint(SipProtocol protocol)
    {
        var endPoints = AdvertisedEndPoints;
        for (var i = 0; i < endPoints.Count; i++)
        {
            if (endPoints[i].Protocol == protocol)
            {
                return endPoints[i];
            }
        }

        throw new InvalidOperationException("No " + protocol + " listener is bound.");
    }

    public ValueTask<SendResult> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(request, destination, null, cancellationToken);
    }

    public async ValueTask<SendResult> SendResponseAsync(SipResponse response, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ActiveConnections() is not { } tcp)
        {
            return NotRunning;
        }

        UdpChannel? receivedOn = null;
        if (connectionId != 0)
        {
            if (tcp.Find(connectionId) is { } connection)
            {
                var result = await connection.SendAsync(response, cancellationToken).ConfigureAwait(false);
                if (result.Sent)
                {
                    return result;
                }
            }
            else
            {
                receivedOn = UdpChannelWith(connectionId);
            }
        }

        // RFC 3261 18.2.2: the connection is gone (or the transport is unreliable): route by the top Via.
        string? error;
        try
        {
            var via = response.TopVia;
            if (via is null)
            {
                error = "the response has no Via";
            }
            else if (ResponseDestination.TryResolve(via, out var destination, out error))
            {
                return await SendAsync(response, destination, receivedOn, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SipParseException e)
        {
            error = "the response's Via is malformed: " + e.Reason;
        }

        return SendResult.Failed(error!);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Disposed) != Running)
        {
            _metrics.Dispose();
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var channel in _udp)
        {
            channel.Dispose();
        }

        foreach (var listener in _streamListeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        await _tcp!.DisposeAsync().ConfigureAwait(false);
        _pike!.Dispose();
        _shutdown.Dispose();
        _metrics.Dispose();
    }

    /// <summary>Sends over UDP from <paramref name="udpSocket"/> (the socket the request came in on, RFC 3581 4) or one of the destination's family.</summary>
    private ValueTask<SendResult> SendAsync(SipMessage message, SipEndPoint destination, UdpChannel? udpSocket, CancellationToken cancellationToken)
    {
        if (ActiveConnections() is not { } tcp)
        {
            return ValueTask.FromResult(NotRunning);
        }

        var family = destination.Address.AddressFamily;
        if (destination.IsStream)
        {
            return tcp.SendAsync(message, destination, cancellationToken);
        }

        var channel = udpSocket?.Family == family ? udpSocket : UdpChannelOf(family);
        if (channel is null)
        {
            _metrics.SendFailed(SipProtocol.Udp);
            return ValueTask.FromResult(SendResult.Failed("no UDP listener for " + family));
        }

        return ValueTask.FromResult(channel.Send(message, destination.Address));
    }

    // Loops rather than Array.Find: a capturing lambda per message sent was an allocation on the message path.
    private UdpChannel? UdpChannelWith(long id)
    {
        foreach (var channel in _udp)
        {
            if (channel.Id == id)
            {
                return channel;
            }
        }

        return null;
    }

    private UdpChannel? UdpChannelOf(AddressFamily family)
    {
        foreach (var channel in _udp)
        {
            if (channel.Family == family)
            {
                return channel;
            }
        }

        return null;
    }

    /// <summary>The connection table while the layer is running; null before start and after dispose.</summary>
    private TcpConnections? ActiveConnections() => Volatile.Read(ref _state) == Running ? _tcp : null;

    private TcpAcceptor? StreamListenerFor(SipProtocol protocol, AddressFamily family) =>
        Array.Find(_streamListeners, l => l.Local.Protocol == protocol && l.Local.Address.AddressFamily == family);
}
