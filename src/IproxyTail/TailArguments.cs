using ClusterSip.InteractionProxy.Client;

namespace ClusterSip.IproxyTail;

/// <summary>What the command line asks for.</summary>
/// <param name="SessionId">null: the state file's, else a new one.</param>
/// <param name="UdataFilter">null: all user data; empty (--no-user-data): none.</param>
/// <param name="SequenceId">Where to resume; null: the state file's (when it names the same session), else none.</param>
/// <param name="StateFile">Where the session and its last SequenceId are kept across runs; null: nowhere.</param>
public sealed record TailArguments(
    IReadOnlyList<ProxyAddress> Addresses,
    string ClusterId,
    string NodeId,
    string? SessionId,
    IReadOnlyList<string>? UdataFilter,
    bool InteractionSnapshot,
    long? SequenceId,
    string? Secret,
    string? StateFile);
