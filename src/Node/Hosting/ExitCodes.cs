using Akka.Actor;

namespace ClusterSip.Node.Hosting;

/// <summary>The executable's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Stopped on request: SIGTERM, Ctrl-C, or told to leave the cluster.</summary>
    public const int Success = 0;

    /// <summary>Failed to start, for example because a port is in use.</summary>
    public const int StartFailed = 1;

    /// <summary>The configuration is invalid; nothing was started.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Downed by the split-brain resolver or an operator.</summary>
    public const int Downed = 3;

    public static int For(CoordinatedShutdown.Reason? reason) =>
        reason is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason ? Downed : Success;
}
