using Akka.Actor;
using ClusterSip.InteractionProxy.Interactions;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Sessions;

/// <summary>A message for the session actor of <see cref="SessionId"/>, wherever sharding placed it.</summary>
public interface ISessionMessage
{
    string SessionId { get; }
}

/// <summary>A connection registered the session: the session answers with EventACK and takes the connection.</summary>
public sealed record AttachSession(string SessionId, Registration Registration, IActorRef Connection) : ISessionMessage;

/// <summary>The client cluster hands the session one event of an interaction assigned to its node.</summary>
public sealed record DeliverEvent(string SessionId, string ClusterId, string NodeId, InteractionEvent Event) : ISessionMessage;

/// <summary>
/// The client cluster took the session's registration number <paramref name="Epoch"/> in. Every event delivered
/// before this message is reflected in <paramref name="Snapshot"/>, which is null when none was asked for.
/// </summary>
public sealed record SessionJoined(string SessionId, long Epoch, IReadOnlyList<InteractionEvent>? Snapshot) : ISessionMessage;

/// <summary>Asks for a <see cref="SessionInfo"/>.</summary>
public sealed record GetSessionInfo(string SessionId) : ISessionMessage;

/// <summary>A session as the management API shows it.</summary>
/// <param name="Node">The cluster node hosting the session actor.</param>
/// <param name="LastSequenceId">The last SequenceId sent, 16 digits; null before the first event.</param>
public sealed record SessionInfo(
    string SessionId, string? ClusterId, string? NodeId, string Node, bool Connected, int EventsInCache, string? LastSequenceId);

/// <summary>Sent to a connection: lines to write in order (one live event, or a whole replay or snapshot).</summary>
public sealed record SendLines(byte[][] Lines);

/// <summary>Sent to a connection: write this last line, then close.</summary>
public sealed record CloseWith(byte[] Line);
