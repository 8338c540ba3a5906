namespace ClusterSip.Presence.B2b;

/// <summary>Journaled so a subscription re-created on another node knows whom to notify (the SIP dialog is made afresh).</summary>
/// <param name="Path">The watcher's full actor path (<see cref="Akka.Serialization.Serialization.SerializedActorPath"/>).</param>
public sealed record WatcherAdded(string Path, bool WithPidf);

public sealed record WatcherRemoved(string Path);
