using System.Globalization;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>The wire form of a SequenceId: a zero-padded 16-digit decimal string.</summary>
public static class SequenceIds
{
    public static string Format(long sequence) => sequence.ToString("D16", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out long sequence)
    {
        sequence = 0;
        return text.Length == 16 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
