using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>
/// A session that stays registered: it connects to the first address, reads the server's lines, remembers the last
/// SequenceId, and after a lost connection registers again at the next address with that SequenceId, so the
/// proxy resumes the session with what was missed. An EventError to the registration, or one that takes the
/// session away (ErrorCode 9: it was registered on another connection), ends the feed.
/// </summary>
public sealed class ProxyFeed
{
    private const int TakenOver = 9;

    private readonly FeedOptions _options;

    public ProxyFeed(FeedOptions options)
    {
        if (options.Addresses.Count == 0) throw new ArgumentException("a feed needs at least one address", nameof(options));
        _options = options;
        LastSequenceId = options.Registration.SequenceId;
    }

    /// <summary>The SequenceId of the last line read; a reconnect resumes after it.</summary>
    public long? LastSequenceId { get; private set; }

    /// <exception cref="ProxyErrorException">The server refused the registration, or took the session away.</exception>
    public async IAsyncEnumerable<FeedItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var retry = _options.FirstRetry;
        for (var attempt = 0; ; attempt++)
        {
            var address = _options.Addresses[attempt % _options.Addresses.Count];
            var registration = _options.Registration with { SequenceId = LastSequenceId };
            var (connection, ack, failure) = await TryRegisterAsync(address, registration, _options.MaxLineBytes, cancellationToken);
            if (connection is not null)
            {
                using (connection)
                {
                    retry = _options.FirstRetry;
                    yield return new FeedConnected(address, ack!, registration.SequenceId);
                    while (true)
                    {
                        (var text, var skipped, failure) = await TryReadAsync(connection, cancellationToken);
                        if (skipped is not null)
                        {
                            yield return new FeedBadLine(address, "", skipped);
                            continue;
                        }
                        if (text is null) break;
                        var item = Read(address, text);
                        yield return item;
                        if (item is FeedLine { Line.Message: ServerLine.EventError } error && ProxyErrorException.From(error.Line) is { ErrorCode: TakenOver } takenOver)
                            throw takenOver;
                    }
                }
            }

            yield return new FeedDisconnected(address, failure!, retry);
            await Task.Delay(retry, cancellationToken);
            if (connection is null) retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, _options.MaxRetry.Ticks));
        }
    }

    private FeedItem Read(ProxyAddress address, string text)
    {
        if (!ServerLine.TryParse(text, out var line, out var reason)) return new FeedBadLine(address, text, reason!);
        if (line!.SequenceId is { } sequence)
        {
            if (sequence <= LastSequenceId)
                return new FeedBadLine(address, text, $"SequenceId {sequence} again: the last was {LastSequenceId}");
            LastSequenceId = sequence;
        }
        return new FeedLine(line);
    }

    /// <summary>A registered connection, or why there is none. A refusal (an EventError) is not caught: it ends the feed.</summary>
    private static async Task<(ProxyConnection? Connection, ProxyAck? Ack, string? Failure)> TryRegisterAsync(
        ProxyAddress address, ProxyRegistration registration, int maxLineBytes, CancellationToken cancellationToken)
    {
        ProxyConnection connection;
        try
        {
            connection = await ProxyConnection.ConnectAsync(address, cancellationToken, maxLineBytes: maxLineBytes);
        }
        catch (SocketException e)
        {
            return (null, null, $"cannot connect: {e.Message}");
        }

        try
        {
            return (connection, await connection.RegisterAsync(registration, cancellationToken), null);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException || e is ProxyErrorException { ErrorCode: null })
        {
            connection.Dispose();
            return (null, null, e.Message);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The next line; or why a line was skipped (the connection goes on); or why the connection ended.</summary>
    private static async Task<(string? Text, string? Skipped, string? Failure)> TryReadAsync(ProxyConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ReadLineAsync(cancellationToken) is { } text ? (text, null, null) : (null, null, "the server closed the connection");
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message, null);
        }
        catch (IOException e)
        {
            return (null, null, e.Message);
        }
    }
}
