using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;

namespace ClusterSip.Dialogs;

/// <summary>
/// The mailbox of every dialog actor: a <see cref="LinkedMessageQueue"/>, which holds nothing while empty. Akka's
/// default queue keeps a 32-slot segment per actor, about 1 KB of a dialog that waits hours for its BYE with an empty
/// mailbox. Registered by the manager (<see cref="Register"/>) as Akka's extensions register their defaults.
/// </summary>
public sealed class DialogMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<LinkedMessageQueue>
{
    public const string Id = "akka.actor.dialog-mailbox";

    public override Akka.Dispatch.MessageQueues.IMessageQueue Create(IActorRef owner, ActorSystem system) => new LinkedMessageQueue();

    /// <summary>Makes <see cref="Id"/> known to <paramref name="system"/> (once).</summary>
    public static void Register(ActorSystem system)
    {
        if (!system.Settings.Config.HasPath(Id))
        {
            system.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString(
                $"{Id}.mailbox-type = \"{typeof(DialogMailbox).AssemblyQualifiedName}\""));
        }
    }
}
