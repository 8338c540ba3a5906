using System.Text.Json;

namespace ClusterSip.CallEvents.Tests;

internal static class Equivalence
{
    /// <summary>Records compare collections by reference; two events are the same when their JSON is.</summary>
    public static void Same(object expected, object actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(JsonSerializer.Serialize(expected, expected.GetType()), JsonSerializer.Serialize(actual, actual.GetType()));
    }
}
