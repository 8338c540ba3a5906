namespace ClusterSip.Tests.Support;

/// <summary>Polls a condition until it holds, within a generous bound; fails with what was last seen.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? DefaultBound);
        T last;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await read();
                if (holds(last)) return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
                last = default!;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"{what} did not happen within {(bound ?? DefaultBound).TotalSeconds} s; last seen: {Describe(last)}{(lastError is null ? "" : $"; last error: {lastError.Message}")}");
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        _ => System.Text.Json.JsonSerializer.Serialize(value),
    };
}
