using Akka.Actor;

namespace ClusterSip.Dialogs;

/// <summary>Finds the <see cref="DialogManager"/> of the node serving a call from its interaction id, on any node.</summary>
public static class DialogLocator
{
    /// <summary>The manager of the call's node; null when the id is not an interaction id of this cluster.</summary>
    public static ActorSelection? ManagerOf(ActorSystem system, string callId) =>
        NodeOf(system, callId) is { } node ? system.ActorSelection(new RootActorPath(node) / "user" / DialogManager.Name) : null;

    public static Address? NodeOf(ActorSystem system, string callId) =>
        InteractionIds.NodeOf(callId, ((ExtendedActorSystem)system).Provider.DefaultAddress);
}
