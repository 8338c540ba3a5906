namespace ClusterSip.Tests.Support;

/// <summary>A directory under the system temp folder, readable by other users (PostgreSQL runs as postgres), deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private const int DeleteAttempts = 10;

    public TempDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"node-tests-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    /// <summary>
    /// Deletes the directory, retrying while a server that is still shutting down writes into it (a SQLite journal
    /// re-created by a late write, PostgreSQL removing its files); what still fails is reported on standard error.
    /// </summary>
    public void Dispose()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == DeleteAttempts)
                {
                    Console.Error.WriteLine($"test temp directory {Path} left behind: {e.Message}");
                    return;
                }

                Thread.Sleep(100 * attempt);
            }
        }
    }
}
