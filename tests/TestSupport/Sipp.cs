using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ClusterSip.Tests.Support;

/// <summary>
/// Runs SIPp (Debian's sip-tester, installed by scripts/install-test-deps.sh) on loopback: a callee in the
/// background for the length of a test, or a caller to completion. Every run is bounded in calls and time.
/// </summary>
public sealed class Sipp : IAsyncDisposable
{
    private static readonly Regex CallsLine = new(@"^\s*(Successful|Failed) call\s*\|\s*\d+\s*\|\s*(\d+)", RegexOptions.Multiline);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private Sipp(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// The scheduling priority every SIPp started from now on runs at; null leaves the default. A benchmark that times
    /// the node sets <see cref="ProcessPriorityClass.Idle"/> (nice 19): on a machine with few cores the load generator
    /// then takes only the CPU the node leaves, instead of holding a core the node's collector threads wait for.
    /// </summary>
    public static ProcessPriorityClass? Priority { get; set; }

    /// <summary>Path of a scenario file from scripts/sipp, copied next to the test assembly.</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "sipp", name);

    /// <summary>
    /// Starts a callee on 127.0.0.1:<paramref name="port"/> (UDP, or TCP with "-t t1" among the arguments) and waits
    /// until it listens; it runs until disposed, or until it has handled its -m calls.
    /// </summary>
    public static async Task<Sipp> StartCalleeAsync(int port, params string[] arguments)
    {
        var sipp = new Sipp(Launch(["-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]));
        var tcp = arguments.Contains("t1");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Listening(port, tcp))
        {
            if (sipp._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"sipp callee on port {port} did not start:\n{sipp.Output}");
            }

            await Task.Delay(20);
        }

        return sipp;
    }

    /// <summary>Waits for a callee started with -m to finish its calls, and returns what it reported.</summary>
    public async Task<SippRun> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"sipp callee still running after {limit}:\n{Output}");
        }

        _process.WaitForExit();
        return Result();
    }

    /// <summary>Runs a SIPp to its end (a caller) and returns what it reported.</summary>
    public static async Task<SippRun> RunAsync(TimeSpan limit, params string[] arguments)
    {
        await using var sipp = new Sipp(Launch(arguments));
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await sipp._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            sipp.Kill();
            throw new TimeoutException($"sipp {string.Join(' ', arguments)} ran past {limit}:\n{sipp.Output}");
        }

        sipp._process.WaitForExit(); // drains the redirected output
        return sipp.Result();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public SippRun Result()
    {
        var output = Output;
        int Count(string kind) => CallsLine.Matches(output).Where(m => m.Groups[1].Value == kind).Select(m => int.Parse(m.Groups[2].Value)).LastOrDefault();
        return new SippRun(_process.HasExited ? _process.ExitCode : -1, Count("Successful"), Count("Failed"), output);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static bool Listening(int port, bool tcp)
    {
        var properties = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties();
        return (tcp ? properties.GetActiveTcpListeners() : properties.GetActiveUdpListeners()).Any(e => e.Port == port);
    }

    private static Process Launch(string[] arguments)
    {
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["-nostdin", "-trace_screen", "-screen_file", "/dev/stdout"]))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("sipp did not start");
        if (Priority is { } priority)
        {
            process.PriorityClass = priority;
        }

        return process;
    }

    private void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
