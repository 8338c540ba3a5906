using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.InteractionProxy.Interactions;

namespace ClusterSip.InteractionProxy.Wire;

/// <summary>The lines the server sends (docs/iproxy-protocol.md): UTF-8 JSON objects, each ending with "\n".</summary>
public static class ServerLines
{
    public const int EndOfSnapshotMsgId = 8210;

    public static byte[] Ack(int eventsInCache, bool resumed) => Write(w =>
    {
        w.WriteString("message", "EventACK");
        w.WriteStartObject("AttributeExtensions");
        w.WriteNumber("events-in-cache", eventsInCache);
        w.WriteString("session-status", resumed ? "resume" : "reset");
        w.WriteEndObject();
    });

    public static byte[] Error(int code, string message) => Write(w =>
    {
        w.WriteString("message", "EventError");
        w.WriteNumber("ErrorCode", code);
        w.WriteString("ErrorMessage", message);
    });

    public static byte[] EndOfSnapshot(long sequence) => Write(w =>
    {
        w.WriteString("message", "EventPrivateInfo");
        w.WriteString("SequenceId", SequenceIds.Format(sequence));
        w.WriteNumber("MsgID", EndOfSnapshotMsgId);
        w.WriteString("PrivateMsgName", "EventEndOfSnapshot");
    });

    /// <param name="udataFilter">The session's UdataFilter: null = all user data, empty = none, else those keys only.</param>
    public static byte[] Event(long sequence, InteractionEvent e, IReadOnlyList<string>? udataFilter) => Write(w =>
    {
        w.WriteString("message", e.Name);
        w.WriteString("SequenceId", SequenceIds.Format(sequence));
        w.WriteString("ConnID", e.ConnId);
        w.WriteString("CallID", e.CallId);
        w.WriteString("ThisDN", e.ThisDn);
        w.WriteString("OtherDN", e.OtherDn);
        w.WriteStartObject("UserData");
        foreach (var (key, value) in e.UserData.Where(kv => Passes(kv.Key, udataFilter)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
        w.WriteString("Node", e.Node);
        w.WriteString("Time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (e.Snapshot) w.WriteBoolean("Snapshot", true);
        if (e.Party is not null) w.WriteString("Party", e.Party);
        if (e.StatusCode is { } code) w.WriteNumber("StatusCode", code);
        if (e.Cause is not null) w.WriteString("Cause", e.Cause);
        if (e.AnsweredBy is not null) w.WriteString("AnsweredBy", e.AnsweredBy);
        if (e.ThirdPartyDn is not null) w.WriteString("ThirdPartyDN", e.ThirdPartyDn);
        if (e.TransferMethod is not null) w.WriteString("TransferMethod", e.TransferMethod);
        if (e.ChangedKeys is not null)
        {
            w.WriteStartArray("ChangedKeys");
            foreach (var key in e.ChangedKeys.Where(k => Passes(k, udataFilter)))
            {
                w.WriteStringValue(key);
            }
            w.WriteEndArray();
        }
    });

    // URIs and user data stay readable: '+', '<', '&' and non-ASCII letters are written as they are.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool Passes(string key, IReadOnlyList<string>? filter) => filter is null || filter.Contains(key);

    // Every line is written through this thread's buffer and writer, so a line allocates only the array it returns.
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
