using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ClusterSip.Tests.Support;

/// <summary>The real node executable (dotnet ClusterSip.Node.dll) run as a child process, its output captured.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int Sigterm = 15;
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static NodeProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Repository.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.NodeExecutable);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(IsConfigurationVariable).ToList()) start.Environment.Remove(inherited);

        var node = new NodeProcess(new Process { StartInfo = start });
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Asks the node to stop as an operator or orchestrator would (SIGTERM).</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, Sigterm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(ExitBound);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static bool IsConfigurationVariable(string name) =>
        name.StartsWith("CLUSTER_SIP__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AKKA__", StringComparison.OrdinalIgnoreCase);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
