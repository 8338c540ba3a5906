namespace ClusterSip.InteractionProxy.Client;

/// <summary>What a <see cref="ProxyFeed"/> reports, in the order it happened.</summary>
public abstract record FeedItem;

/// <summary>Registered at <paramref name="Address"/>; <paramref name="SequenceId"/> is the one the registration named.</summary>
public sealed record FeedConnected(ProxyAddress Address, ProxyAck Ack, long? SequenceId) : FeedItem;

/// <summary>A line from the server: an interaction event, EventPrivateInfo or an EventError.</summary>
public sealed record FeedLine(ServerLine Line) : FeedItem;

/// <summary>A line the feed skipped: not the protocol's, or a SequenceId it already had.</summary>
public sealed record FeedBadLine(ProxyAddress Address, string Text, string Reason) : FeedItem;

/// <summary>The connection to <paramref name="Address"/> failed or ended; the next address is tried after <paramref name="RetryIn"/>.</summary>
public sealed record FeedDisconnected(ProxyAddress Address, string Reason, TimeSpan RetryIn) : FeedItem;
