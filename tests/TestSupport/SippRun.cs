namespace ClusterSip.Tests.Support;

/// <summary>What one finished SIPp run reported: its exit code (0: every call succeeded) and its output.</summary>
public sealed record SippRun(int ExitCode, int SuccessfulCalls, int FailedCalls, string Output)
{
    public override string ToString() =>
        $"sipp exit {ExitCode}, {SuccessfulCalls} successful, {FailedCalls} failed\n{Output}";
}
