using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Every open TCP, TLS and WebSocket connection, by id and by peer transport address, so that responses and requests
/// to the same target reuse them (RFC 3261 18.2.2, 18.1.1); enforces the caps (all of them together), the idle and
/// read timeouts.
/// </summary>
internal sealed class TcpConnections : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TcpConnection> _byId = new();
    private readonly ConcurrentDictionary<SipEndPoint, TcpConnection> _byRemote = new();
    private readonly ConcurrentDictionary<SipEndPoint, Lazy<Task<ConnectOutcome>>> _connecting = new();
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly Func<SipProtocol, AddressFamily, SipEndPoint?> _listenerFor;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _sweeper;
    private int _inbound; // guarded by _perSource

    public TcpConnections(TransportSettings settings, MessageIntake intake, TransportMetrics metrics, RateLimitedLog faults, Func<SipProtocol, AddressFamily, SipEndPoint?> listenerFor)
    {
        Settings = settings;
        Tls = new TlsContext(settings.Tls);
        Intake = intake;
        Metrics = metrics;
        Faults = faults;
        MaxConnections = TcpConnectionCap.Resolve(settings.MaxTcpConnections);
        _listenerFor = listenerFor;
        _sweeper = SweepAsync(_shutdown.Token);
    }

    public TransportSettings Settings { get; }

    public TlsContext Tls { get; }

    /// <summary>The most inbound connections held at once (configured, or derived from the open-file limit).</summary>
    public int MaxConnections { get; }

    public MessageIntake Intake { get; }

    public TransportMetrics Metrics { get; }

    public RateLimitedLog Faults { get; }

    public TcpConnection? Find(long id) => _byId.TryGetValue(id, out var connection) && connection.IsOpen ? connection : null;

    /// <summary>Takes over an accepted socket (TLS when <paramref name="listener"/> is), or closes it when a cap is reached.</summary>
    public void Accept(Socket socket, SipEndPoint listener)
    {
        IPEndPoint remote;
        try
        {
            remote = (IPEndPoint)socket.RemoteEndPoint!;
            socket.NoDelay = true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return;
        }

        lock (_perSource)
        {
            var open = _perSource.GetValueOrDefault(remote.Address);
            if (open >= Settings.MaxTcpConnectionsPerSource)
            {
                Metrics.TcpConnectionRejected(perSource: true);
                Faults.Warning("TCP accept", new InvalidOperationException($"{open} connections from {remote.Address} are open, the most one source may hold (cluster-sip.sip.tcp-max-connections-per-source)"),
                    "connection from " + remote + " refused");
                socket.Dispose();
                return;
            }

            if (_inbound >= MaxConnections)
            {
                Metrics.TcpConnectionRejected(perSource: false);
                Faults.Warning("TCP accept", new InvalidOperationException($"{_inbound} inbound connections are open, the most allowed (cluster-sip.sip.tcp-max-connections)"),
                    "connection from " + remote + " refused");
                socket.Dispose();
                return;
            }

            _perSource[remote.Address] = open + 1;
            _inbound++;
        }

        Register(new TcpConnection(socket, listener, new SipEndPoint(listener.Protocol, remote), inbound: true, this));
    }

    /// <summary>Sends over the open connection to <paramref name="remote"/>, opening one if needed (never to a WebSocket peer).</summary>
    public async ValueTask<SendResult> SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken)
    {
        var outcome = await GetOrConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        if (outcome.Connection is null)
        {
            Metrics.SendFailed(remote.Protocol);
            return SendResult.Failed(outcome.Error!);
        }

        var result = await outcome.Connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.Sent || !outcome.Reused)
        {
            return result;
        }

        // The reused connection had died unnoticed (e.g. the peer closed it): one fresh attempt.
        return await SendAsync(message, remote, cancellationToken).ConfigureAwait(false);
    }

    public void OnClosed(TcpConnection connection)
    {
        if (!_byId.TryRemove(connection.Id, out _))
        {
            return;
        }

        _byRemote.TryRemove(new KeyValuePair<SipEndPoint, TcpConnection>(connection.Remote, connection));
        Metrics.ConnectionClosed(connection.Remote.Protocol, connection.Inbound);
        if (connection.Inbound)
        {
            lock (_perSource)
            {
                _inbound--;
                var address = connection.Remote.Address.Address;
                var open = _perSource[address] - 1;
                if (open == 0)
                {
                    _perSource.Remove(address);
                }
                else
                {
                    _perSource[address] = open;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        var open = _byId.Values.ToArray();
        foreach (var connection in open)
        {
            connection.Close();
        }

        await Task.WhenAll(open.Select(c => c.Completion).Append(_sweeper)).ConfigureAwait(false);
    }

    private void Register(TcpConnection connection)
    {
        _byId[connection.Id] = connection;
        _byRemote.TryAdd(connection.Remote, connection);
        Metrics.ConnectionOpened(connection.Remote.Protocol, connection.Inbound);
        connection.Start();
    }

    private async ValueTask<ConnectOutcome> GetOrConnectAsync(SipEndPoint remote, CancellationToken cancellationToken)
    {
        if (_byRemote.TryGetValue(remote, out var existing) && existing.IsOpen)
        {
            return new ConnectOutcome(existing, Reused: true, null);
        }

        // Concurrent sends to the same target share one connection attempt.
        var pending = _connecting.GetOrAdd(remote, r => new Lazy<Task<ConnectOutcome>>(() => ConnectAsync(r)));
        try
        {
            return await pending.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<SipEndPoint, Lazy<Task<ConnectOutcome>>>(remote, pending));
        }
    }

    private async Task<ConnectOutcome> ConnectAsync(SipEndPoint remote)
    {
        if (remote.Protocol is SipProtocol.Ws or SipProtocol.Wss)
        {
            return new ConnectOutcome(null, false, "no open WebSocket connection from " + remote + ": WebSocket peers are reached only over the connection they opened (RFC 7118)");
        }

        var address = remote.Address;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(Settings.TcpConnectTimeout);
        try
        {
            await socket.ConnectAsync(address, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            return new ConnectOutcome(null, false, e is SocketException se
                ? "TCP connect to " + remote + " failed: " + se.SocketErrorCode
                : "TCP connect to " + remote + " timed out or the transport closed");
        }

        if (_shutdown.IsCancellationRequested)
        {
            socket.Dispose();
            return new ConnectOutcome(null, false, "the transport is closed");
        }

        var local = _listenerFor(remote.Protocol, address.AddressFamily) ?? new SipEndPoint(remote.Protocol, (IPEndPoint)socket.LocalEndPoint!);
        var connection = new TcpConnection(socket, local, remote, inbound: false, this);
        if (remote.Protocol == SipProtocol.Tls && await connection.HandshakeAsync().ConfigureAwait(false) is { } failure)
        {
            return new ConnectOutcome(null, false, failure);
        }

        if (_shutdown.IsCancellationRequested)
        {
            // The transport closed during the handshake: the table no longer takes connections.
            connection.Close();
            return new ConnectOutcome(null, false, "the transport is closed");
        }

        Register(connection);
        return new ConnectOutcome(connection, false, null);
    }

    /// <summary>Closes connections idle past tcp-idle-timeout, and those holding an incomplete message past tcp-message-read-timeout.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var idle = (long)Settings.TcpIdleTimeout.TotalMilliseconds;
        var read = (long)Settings.TcpMessageReadTimeout.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(idle, read) / 4, 10, 5000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var connection in _byId.Values)
                {
                    // A closed connection stays listed until its receive loop has ended.
                    if (!connection.IsOpen) continue;

                    var partialSince = connection.PartialSince;
                    if (partialSince != 0 && now - partialSince >= read)
                    {
                        Metrics.TcpReadTimedOut();
                        Faults.Warning("TCP read", new TimeoutException($"no complete message {now - partialSince} ms after its first byte"),
                            "connection " + connection.Local + " <- " + connection.Remote + ", closed");
                        connection.Close();
                    }
                    else if (now - connection.LastActivity >= idle)
                    {
                        connection.Close();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
