using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ClusterSip.InteractionProxy.Client;

namespace ClusterSip.IproxyTail;

/// <summary>The command line of iproxy-tail (System.CommandLine).</summary>
public static class TailCommandLine
{
    /// <summary>cluster-sip.interaction-proxy's default host and port.</summary>
    public static readonly ProxyAddress DefaultAddress = new("127.0.0.1", 7050);

    public static RootCommand Create(Func<TailArguments, CancellationToken, Task<int>> run)
    {
        var address = new Option<ProxyAddress[]>("--address")
        {
            Description = $"A node's Interaction Proxy, HOST:PORT (repeatable: after a lost connection the next one is tried); default {DefaultAddress}",
            HelpName = "HOST:PORT",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = ParseAddresses,
        };
        var clusterId = new Option<string>("--cluster-id") { Description = "ClusterId: sessions with the same one share the interactions", Required = true };
        var nodeId = new Option<string>("--node-id") { Description = "NodeId: this client's node in its cluster", Required = true };
        var sessionId = new Option<string?>("--session-id")
        {
            Description = "SessionId to register or resume; default: the state file's, else a new one (printed)",
        };
        var udataFilter = new Option<string[]>("--udata-filter")
        {
            Description = "A user data key to show (repeatable; UdataFilter key-1, key-2, ...); default: all user data",
            HelpName = "KEY",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var noUserData = new Option<bool>("--no-user-data") { Description = "An empty UdataFilter: events carry no user data" };
        var noSnapshot = new Option<bool>("--no-snapshot") { Description = "InteractionSnapshot false: a reset sends no snapshot of the active interactions" };
        var sequenceId = new Option<long?>("--sequence-id")
        {
            Description = "The last SequenceId received: resume with what followed it; default: the state file's",
            HelpName = "N",
            CustomParser = ParseSequenceId,
        };
        var secret = new Option<string?>("--secret") { Description = "The ClusterId's shared secret, when the proxy asks for one" };
        var stateFile = new Option<string?>("--state-file")
        {
            Description = "Keeps the SessionId and the last SequenceId here, so that the next run resumes where this one stopped",
            HelpName = "FILE",
        };

        var root = new RootCommand(
            "Registers with a cluster-sip Interaction Proxy (docs/iproxy-protocol.md) and prints the server's lines as they come, " +
            "one JSON object per line on standard output; what happens to the connection goes to standard error. After a lost " +
            "connection it registers again, at the next address if several are given, and resumes after the last SequenceId.")
        {
            address, clusterId, nodeId, sessionId, udataFilter, noUserData, noSnapshot, sequenceId, secret, stateFile,
        };
        root.Validators.Add(result =>
        {
            if (result.GetValue(noUserData) && result.GetValue(udataFilter) is { Length: > 0 })
                result.AddError("--no-user-data and --udata-filter exclude each other");
        });
        root.SetAction((result, cancellationToken) => run(
            new TailArguments(
                result.GetValue(address) is { Length: > 0 } addresses ? addresses : [DefaultAddress],
                result.GetValue(clusterId)!,
                result.GetValue(nodeId)!,
                result.GetValue(sessionId),
                result.GetValue(noUserData) ? [] : result.GetValue(udataFilter) is { Length: > 0 } keys ? keys : null,
                !result.GetValue(noSnapshot),
                result.GetValue(sequenceId),
                result.GetValue(secret),
                result.GetValue(stateFile)),
            cancellationToken));
        return root;
    }

    private static ProxyAddress[] ParseAddresses(ArgumentResult result)
    {
        var addresses = new List<ProxyAddress>();
        foreach (var token in result.Tokens)
        {
            if (ProxyAddress.TryParse(token.Value, out var parsed, out var error)) addresses.Add(parsed!);
            else result.AddError($"--address {error}");
        }
        return [.. addresses];
    }

    /// <summary>16 digits as the protocol writes it, or any shorter number.</summary>
    private static long? ParseSequenceId(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (text.Length <= 16 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return sequence;
        result.AddError($"--sequence-id '{text}' is not a SequenceId (up to 16 digits)");
        return null;
    }
}
