using System.CommandLine;
using ClusterSip.Node.Cli;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Settings;

return await NodeCommandLine.Create(RunAsync)
    .Parse(args)
    // The host handles SIGTERM and Ctrl-C itself (leave the cluster, then stop), so System.CommandLine must not.
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static async Task<int> RunAsync(NodeArguments arguments, CancellationToken cancellationToken)
{
    NodeConfiguration configuration;
    try
    {
        configuration = ConfigLoader.Load(new ConfigInputs(
            ConfigInputs.ShippedDefaultsFile, arguments.ConfigFiles, ConfigInputs.ProcessEnvironment(), arguments.Sets));
    }
    catch (ConfigurationException e)
    {
        await Console.Error.WriteLineAsync($"configuration error: {e.Message}");
        return ExitCodes.ConfigurationError;
    }

    if (arguments.CheckOnly)
    {
        Console.WriteLine("configuration is valid:");
        foreach (var line in SettingsSummary.Lines(configuration.Settings)) Console.WriteLine($"  {line}");
        return ExitCodes.Success;
    }

    ClusterNode node;
    try
    {
        node = await ClusterNode.StartAsync(configuration, NodeFeatures.All, Console.Out, cancellationToken);
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        await Console.Error.WriteLineAsync($"the node failed to start: {Describe(e)}");
        return ExitCodes.StartFailed;
    }

    await node.Completion;
    return ExitCodes.For(node.ShutdownReason);
}

// Akka wraps a failed bind in several AggregateExceptions; the operator needs the innermost causes.
static string Describe(Exception error)
{
    var causes = new List<string>();
    for (var e = error; e is not null; e = e is AggregateException aggregate ? aggregate.InnerExceptions.FirstOrDefault() : e.InnerException)
    {
        if (e is not AggregateException) causes.Add(e.Message.Replace(" See InnerException for details.", "").TrimEnd('.'));
    }
    return string.Join(": ", causes.Distinct());
}
