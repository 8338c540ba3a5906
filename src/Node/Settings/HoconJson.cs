using System.Globalization;
using System.Text.Json;
using Akka.Configuration.Hocon;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>Writes a HOCON object or list as JSON (numbers and booleans as such, everything else as strings).</summary>
public static class HoconJson
{
    public static string Write(HoconValue value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        switch (HoconTree.KindOf(value))
        {
            case HoconKind.Section:
                writer.WriteStartObject();
                foreach (var (key, item) in value.GetObject().Items)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case HoconKind.List:
                writer.WriteStartArray();
                foreach (var item in HoconTree.Elements(value)) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                var text = value.GetString();
                if (text is "true" or "false") writer.WriteBooleanValue(text == "true");
                else if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) writer.WriteNumberValue(number);
                else if (text is null) writer.WriteNullValue();
                else writer.WriteStringValue(text);
                break;
        }
    }
}
