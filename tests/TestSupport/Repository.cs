using System.Reflection;

namespace ClusterSip.Tests.Support;

/// <summary>Paths in the repository and in the build output the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The HOCON files as shipped next to the executable (copied into this test's output).</summary>
    public static string ShippedHocon(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "hocon", file);

    public static string NodeExecutable => System.IO.Path.Combine(AppContext.BaseDirectory, "ClusterSip.Node.dll");

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
