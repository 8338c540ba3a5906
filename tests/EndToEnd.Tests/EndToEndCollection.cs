using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>End-to-end tests run one at a time: each starts a node and SIPp processes on two shared cores.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
