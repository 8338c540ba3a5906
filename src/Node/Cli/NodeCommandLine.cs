using System.CommandLine;

namespace ClusterSip.Node.Cli;

/// <summary>What the command line asks for.</summary>
/// <param name="CheckOnly">--check-config: validate the configuration, print the effective settings and exit.</param>
public sealed record NodeArguments(IReadOnlyList<string> ConfigFiles, IReadOnlyList<string> Sets, bool CheckOnly);

/// <summary>The node's command line (System.CommandLine): --config FILE, --set KEY=VALUE, --check-config.</summary>
public static class NodeCommandLine
{
    public static RootCommand Create(Func<NodeArguments, CancellationToken, Task<int>> run)
    {
        var config = new Option<string[]>("--config")
        {
            Description = "A HOCON file layered over hocon/node.conf (repeatable; later files win), e.g. hocon/single-node.conf",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Overrides one key, after files and environment variables (repeatable), e.g. cluster-sip.management.port=18558 or 'cluster-sip.sip.listen=[\"udp:127.0.0.1:5070\"]'",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var check = new Option<bool>("--check-config")
        {
            Description = "Validates the configuration, prints the resulting settings and exits",
        };

        var root = new RootCommand(
            "A node of the cluster-sip Akka.NET cluster. Configuration: hocon/node.conf (defaults), then --config files, then " +
            "environment variables (CLUSTER_SIP__MANAGEMENT__PORT=18558 sets cluster-sip.management.port; AKKA__… sets akka.…), then --set.")
        {
            config,
            set,
            check,
        };
        root.SetAction((result, cancellationToken) => run(
            new NodeArguments(result.GetValue(config) ?? [], result.GetValue(set) ?? [], result.GetValue(check)),
            cancellationToken));
        return root;
    }
}
