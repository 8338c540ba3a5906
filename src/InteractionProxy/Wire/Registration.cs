namespace ClusterSip.InteractionProxy.Wire;

/// <summary>A client's TPrivateService registration, its AttributeExtensions validated.</summary>
/// <param name="UdataFilter">The user data keys the client wants; null = all user data, empty = none.</param>
/// <param name="SequenceId">The last SequenceId the client received, when it gave one.</param>
/// <param name="Secret">The shared secret of the client cluster, when given.</param>
public sealed record Registration(
    string ClusterId,
    string NodeId,
    string SessionId,
    IReadOnlyList<string>? UdataFilter,
    bool InteractionSnapshot,
    long? SequenceId,
    string? Secret);
