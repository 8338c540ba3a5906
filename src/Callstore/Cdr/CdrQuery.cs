namespace ClusterSip.Callstore.Cdr;

/// <summary>Finished CDRs, newest end first: of one domain (exact, lower case) and ending in [From, To) when given.</summary>
public sealed record CdrQuery(string? Domain, DateTimeOffset? From, DateTimeOffset? To, int Limit, int Offset);
