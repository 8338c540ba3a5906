using ClusterSip.Dialogs;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>Reads cluster-sip.dialogs into the dialogs' own <see cref="DialogSettings"/>.</summary>
public static class DialogSettingsReader
{
    private const string Section = "cluster-sip.dialogs";

    private static readonly Dictionary<string, bool> Switch = new(StringComparer.OrdinalIgnoreCase)
    {
        ["on"] = true, ["off"] = false, ["true"] = true, ["false"] = false, ["yes"] = true, ["no"] = false,
    };

    public static DialogSettings Read(SettingsReader reader) => new(
        reader.Choice($"{Section}.enabled", Switch),
        reader.Choice($"{Section}.detect-spirals", Switch),
        reader.Duration($"{Section}.default-timeout"),
        reader.Duration($"{Section}.event-resend-interval"),
        reader.Duration($"{Section}.event-resend-limit"));
}
