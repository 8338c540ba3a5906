namespace ClusterSip.CallEvents;

/// <summary>One party of a call as its From or To header named it: display name (may be empty) and URI.</summary>
public sealed record CallParty(string DisplayName, string Uri);
