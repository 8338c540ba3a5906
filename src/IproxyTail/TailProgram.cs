using System.CommandLine;
using ClusterSip.InteractionProxy.Client;

namespace ClusterSip.IproxyTail;

/// <summary>
/// iproxy-tail: registers, then prints each line the server sends to <c>output</c> as it came, and what happens to the
/// connection to <c>log</c>. Exit codes: 0 stopped (Ctrl-C), 1 refused by the server or a bad state file, and
/// System.CommandLine's for a bad command line.
/// </summary>
public static class TailProgram
{
    public const int Refused = 1;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter log, CancellationToken cancellationToken) =>
        TailCommandLine.Create((arguments, token) => TailAsync(arguments, output, log, token))
            .Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = log, ProcessTerminationTimeout = null }, cancellationToken);

    private static async Task<int> TailAsync(TailArguments arguments, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        var stateFile = arguments.StateFile is null ? null : new StateFile(arguments.StateFile);
        TailState? saved;
        try
        {
            saved = stateFile?.Read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await log.WriteLineAsync($"iproxy-tail: {e.Message}");
            return Refused;
        }

        var sessionId = arguments.SessionId ?? saved?.SessionId ?? "tail-" + Guid.NewGuid().ToString("N")[..12];
        var sequenceId = arguments.SequenceId
            ?? (saved?.SessionId == sessionId && saved.SequenceId is { } text && SequenceIds.TryParse(text, out var kept) ? kept : null);
        if (arguments.SessionId is null && saved is null)
            await log.WriteLineAsync($"iproxy-tail: new session {sessionId} (--session-id {sessionId} resumes it)");

        var feed = new ProxyFeed(new FeedOptions(
            arguments.Addresses,
            new ProxyRegistration(arguments.ClusterId, arguments.NodeId, sessionId, arguments.UdataFilter, arguments.InteractionSnapshot, sequenceId, arguments.Secret)));
        try
        {
            await foreach (var item in feed.ReadAllAsync(cancellationToken))
            {
                await PrintAsync(item, output, log);
                if (item is FeedLine { Line.SequenceId: { } sequence }) stateFile?.Write(new TailState(sessionId, SequenceIds.Format(sequence)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync($"iproxy-tail: stopped; session {sessionId}, last SequenceId {Format(feed.LastSequenceId)}");
            return 0;
        }
        catch (ProxyErrorException e)
        {
            await log.WriteLineAsync($"iproxy-tail: the server refused session {sessionId}: {e.Message}");
            return Refused;
        }
        return 0;
    }

    private static async Task PrintAsync(FeedItem item, TextWriter output, TextWriter log)
    {
        switch (item)
        {
            case FeedLine line:
                await output.WriteLineAsync(line.Line.Text);
                await output.FlushAsync();
                break;
            case FeedConnected connected:
                await log.WriteLineAsync(
                    $"iproxy-tail: registered at {connected.Address} (last SequenceId {Format(connected.SequenceId)}): " +
                    $"{(connected.Ack.Resumed ? "resume" : "reset")}, {connected.Ack.EventsInCache} events in cache");
                break;
            case FeedBadLine bad:
                await log.WriteLineAsync($"iproxy-tail: skipped a line from {bad.Address} ({bad.Reason}): {bad.Text}");
                break;
            case FeedDisconnected lost:
                await log.WriteLineAsync($"iproxy-tail: {lost.Address}: {lost.Reason}; next attempt in {lost.RetryIn.TotalSeconds:0.0} s");
                break;
        }
    }

    private static string Format(long? sequence) => sequence is { } value ? SequenceIds.Format(value) : "none";
}
