using Akka.Actor;
using Akka.Event;
using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Tcp = Akka.Streams.Dsl.Tcp;
using ClusterSip.InteractionProxy.Sessions;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Server;

/// <summary>
/// One client TCP connection. Lines in are read with backpressure (the stream waits for this actor's ack). Lines out
/// go in batches (a live event is one, a resume's replay or a snapshot another) through a queue of send-queue
/// batches, written to the socket as fast as the client reads; a queue that overflows means the client reads too
/// slowly: the connection closes and its session keeps caching. Until the client registers, only TPrivateService
/// is accepted.
/// </summary>
public sealed class ConnectionActor : ReceiveActor, IWithTimers
{
    /// <summary>How long a connection that was told to close may take to flush its last line.</summary>
    private static readonly TimeSpan CloseBound = TimeSpan.FromSeconds(5);

    /// <summary>The most bytes of waiting lines joined into one socket write.</summary>
    private const int WriteBytes = 64 * 1024;

    private readonly Tcp.IncomingConnection _connection;
    private readonly ProxySettings _settings;
    private readonly IActorRef _sessions;
    private readonly ProxyStatistics _statistics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _out = ActorRefs.Nobody;
    private Registration? _registration;
    private bool _closing;
    private bool _inboundEnded;
    private bool _outboundEnded;

    public ConnectionActor(Tcp.IncomingConnection connection, ProxySettings settings, IActorRef sessions, ProxyStatistics statistics)
    {
        _connection = connection;
        _settings = settings;
        _sessions = sessions;
        _statistics = statistics;

        Receive<StreamInit>(_ => Sender.Tell(StreamAck.Instance));
        Receive<InboundLine>(line =>
        {
            Handle(ClientLineParser.Parse(line.Bytes));
            Sender.Tell(StreamAck.Instance);
        });
        Receive<InboundLineTooLong>(tooLong =>
        {
            Error(ErrorCodes.LineTooLong, $"line longer than max-line-bytes ({tooLong.MaxLineBytes} bytes); it was skipped");
            Sender.Tell(StreamAck.Instance);
        });
        Receive<SendLines>(send => Write(send.Lines));
        Receive<CloseWith>(close => Close(close.Line));
        Receive<StreamCompleted>(_ => InboundEnded());
        Receive<StreamFailed>(failed =>
        {
            _log.Info("iproxy client {0}: connection failed: {1}", _connection.RemoteAddress, failed.Cause.Message);
            InboundEnded();
        });
        Receive<OutboundEnded>(ended =>
        {
            _outboundEnded = true;
            if (ended.Cause?.GetBaseException() is BufferOverflowException)
            {
                _statistics.SlowClient();
                _log.Warning("iproxy client {0} (session {1}) reads too slowly: its send queue of {2} batches is full; closing, the session keeps caching",
                    _connection.RemoteAddress, _registration?.SessionId ?? "none", _settings.SendQueue);
            }
            // A close asked for lets the socket flush its last line until the client's side ends too.
            if (_closing && !_inboundEnded) Timers.StartSingleTimer(nameof(CloseBound), PoisonPill.Instance, CloseBound);
            else Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Tcp.IncomingConnection connection, ProxySettings settings, IActorRef sessions, ProxyStatistics statistics) =>
        Akka.Actor.Props.Create(typeof(ConnectionActor), connection, settings, sessions, statistics);

    protected override void PreStart()
    {
        _statistics.ConnectionOpened();
        var (queue, sent) = Source.ActorRef<byte[][]>(_settings.SendQueue, OverflowStrategy.Fail)
            .WatchTermination(Keep.Both)
            .SelectMany(batch => batch)
            // Lines that wait while the socket is busy go out together: one write (one system call) for many lines.
            .BatchWeighted(WriteBytes, line => line.Length, line => new List<byte[]> { line }, (lines, line) =>
            {
                lines.Add(line);
                return lines;
            })
            .Select(Join)
            .Via(_connection.Flow)
            .Via(LineFramer.Flow(_settings.MaxLineBytes))
            .To(Sink.ActorRefWithAck<InboundFrame>(Self, StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e)))
            .Run(Context.Materializer());
        _out = queue;
        sent.PipeTo(Self, success: () => new OutboundEnded(null), failure: e => new OutboundEnded(e));
    }

    protected override void PostStop() => _statistics.ConnectionClosed();

    private void Handle(ClientLine line)
    {
        switch (line)
        {
            case InvalidLine invalid:
                Error(invalid.ErrorCode, invalid.Reason);
                break;
            case UnknownMessageLine unknown when _registration is null:
                Error(ErrorCodes.NotRegistered, $"'{unknown.Message}' before registration: register first with {ClientLineParser.TPrivateService}");
                break;
            case UnknownMessageLine unknown:
                Error(ErrorCodes.UnknownMessage, $"unknown message '{unknown.Message}': a client sends only {ClientLineParser.TPrivateService}");
                break;
            case RegistrationLine when _registration is not null:
                Error(ErrorCodes.AlreadyRegistered, $"this connection is already registered as session {_registration.SessionId}");
                break;
            case RegistrationLine registration:
                Register(registration.Registration);
                break;
        }
    }

    /// <summary>Lines as one buffer for one socket write.</summary>
    private static ByteString Join(List<byte[]> lines)
    {
        if (lines.Count == 1) return ByteString.FromBytes(lines[0]);
        var joined = new byte[lines.Sum(line => line.Length)];
        var at = 0;
        foreach (var line in lines)
        {
            line.CopyTo(joined, at);
            at += line.Length;
        }
        return ByteString.FromBytes(joined);
    }

    /// <summary>The client's side ended; the send side follows (the socket closes), and why it ended is still to be learnt.</summary>
    private void InboundEnded()
    {
        _inboundEnded = true;
        if (_outboundEnded) Context.Stop(Self);
        else Timers.StartSingleTimer(nameof(CloseBound), PoisonPill.Instance, CloseBound);
    }

    private void Register(Registration registration)
    {
        if (_settings.Secrets.TryGetValue(registration.ClusterId, out var secret) && registration.Secret != secret)
        {
            _statistics.ConnectionRefused();
            _log.Warning("iproxy client {0} refused: wrong or missing Secret for ClusterId {1}", _connection.RemoteAddress, registration.ClusterId);
            Close(ServerLines.Error(ErrorCodes.Refused, $"refused: ClusterId {registration.ClusterId} needs its Secret"));
            return;
        }

        _statistics.Registration();
        _registration = registration;
        _sessions.Tell(new AttachSession(registration.SessionId, registration, Self));
    }

    private void Error(int code, string reason)
    {
        _statistics.ProtocolError();
        Write([ServerLines.Error(code, reason)]);
    }

    private void Write(byte[][] lines)
    {
        if (_closing) return;
        _statistics.LinesSent(lines.Length);
        _out.Tell(lines);
    }

    private void Close(byte[] lastLine)
    {
        Write([lastLine]);
        _closing = true;
        _out.Tell(new Status.Success(null));
    }

    private sealed record StreamInit
    {
        public static readonly StreamInit Instance = new();
    }

    private sealed record StreamAck
    {
        public static readonly StreamAck Instance = new();
    }

    private sealed record StreamCompleted
    {
        public static readonly StreamCompleted Instance = new();
    }

    private sealed record StreamFailed(Exception Cause);

    /// <summary>The send queue ended: completed (a close), or failed (a full queue: the client reads too slowly).</summary>
    private sealed record OutboundEnded(Exception? Cause);
}
