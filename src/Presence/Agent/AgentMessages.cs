using Akka.Actor;

namespace ClusterSip.Presence.Agent;

/// <summary>
/// A PUBLISH or SUBSCRIBE for the presentity <paramref name="Key"/> (<see cref="B2b.SubscriptionKey.Address(string)"/>
/// of its To URI), as received so it can cross nodes; <paramref name="ReplyTo"/> gets the <see cref="AgentResponse"/>.
/// </summary>
public sealed record AgentRequest(string Key, byte[] Message, IActorRef ReplyTo);

/// <summary>The response to send for an <see cref="AgentRequest"/>, serialized.</summary>
public sealed record AgentResponse(byte[] Message);

public sealed record GetPresentity(string Key);

public sealed record PresentityInfo(string Presentity, Sip.Presence.PidfDocument Composed, int Publications, int Watchers, int InternalWatchers);
