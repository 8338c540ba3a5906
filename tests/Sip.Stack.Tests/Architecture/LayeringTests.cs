using System.Text.RegularExpressions;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Architecture;

/// <summary>
/// The layers of src/Sip.Stack, bottom-up (docs/tm.md, Shape): each folder uses only the layers below it, and the
/// proxy's files stay small. Read from the sources, as a reviewer would.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Layers = ["Transport", "Resolution", "Transactions", "Proxy", "Routing"];

    public static TheoryData<string> LayerNames => new(Layers);

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_names_no_layer_above_it(string layer)
    {
        var above = Layers.SkipWhile(l => l != layer).Skip(1).ToList();
        var pattern = new Regex(@"ClusterSip\.Sip\.Stack\.(" + string.Join('|', above.DefaultIfEmpty("(?!)")) + @")\b");
        var offences = SourceFiles(layer)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, $"{layer} uses a layer above it:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void No_file_of_the_proxy_is_over_350_lines()
    {
        var large = SourceFiles("Proxy").Where(f => File.ReadLines(f).Count() > 350).Select(Path.GetFileName).ToList();
        Assert.Empty(large);
    }

    private static string[] SourceFiles(string layer)
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "Sip.Stack", layer);
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        return files;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
