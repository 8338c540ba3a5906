using Xunit;

namespace ClusterSip.Node.Tests.Support;

/// <summary>
/// Tests that start nodes, processes or PostgreSQL run one class at a time: on two shared cores,
/// several clusters starting at once only add load to the failure detectors under test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodesCollection
{
    public const string Name = "nodes";
}
