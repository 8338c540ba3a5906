using System.Text;

namespace ClusterSip.Sip;

/// <summary>
/// One reusable builder per thread for rendering URIs and header values, as .NET's internal StringBuilderCache: a
/// render then allocates only its string. A render nested in another (the URI inside a name-addr) gets a new builder.
/// </summary>
internal static class StringBuilderCache
{
    // A builder made with this capacity stays one chunk for all usual values, so clearing it never reallocates.
    private const int Capacity = 256;

    [ThreadStatic]
    private static StringBuilder? _cached;

    public static StringBuilder Acquire()
    {
        var sb = _cached;
        if (sb is null)
        {
            return new StringBuilder(Capacity);
        }

        _cached = null;
        return sb.Clear();
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity == Capacity)
        {
            _cached = sb;
        }

        return text;
    }
}
