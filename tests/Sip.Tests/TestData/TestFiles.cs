namespace ClusterSip.Sip.Tests.TestData;

/// <summary>Reads test vectors copied next to the test assembly, byte for byte.</summary>
public static class TestFiles
{
    public static byte[] Rfc4475(string name) => Read("rfc4475", name + ".dat");

    public static byte[] Sipp(string name) => Read("sipp", name + ".dat");

    public static IEnumerable<string> Names(string folder) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestData", folder), "*.dat")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    private static byte[] Read(string folder, string file) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", folder, file));
}
