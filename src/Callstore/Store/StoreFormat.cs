using System.Buffers;
using System.Runtime.Serialization;
using System.Text;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// The binary form of what a group store journals and snapshots (docs/callstore.md, Journal format). Little-endian;
/// a count or a string length is a 7-bit varint; a string is its UTF-8 byte count plus one (0 = null) then the bytes;
/// a time is its UTC ticks (int64) then its offset in minutes (int16); an enum is one byte.
/// <code>
/// batch    = firstOffset:int64 count:varint event*
/// snapshot = offset:int64 count:varint event* endedCount:varint (callId:string lastSequence:int64)*
/// event    = kind:byte callId sipCallId:string sequence:int64 domain:string from:party to:party node:string time
///            userDataCount:varint (key:string value:string)* fields-of-kind
/// party    = displayName:string uri:string
/// </code>
/// Kinds and their fields: 1 CallInitiated; 2 CallForked branchId target; 3 CallRinging branchId statusCode:int32;
/// 4 CallAnswered branchId answeredBy; 5 CallHeld by; 6 CallRetrieved by; 7 CallTransferred by method target;
/// 8 CallReleased by statusCode:int32 reason; 9 CallFailed statusCode:int32 cause; 10 UserDataChanged count:varint key*.
/// </summary>
public static class StoreFormat
{
    public static byte[] Write(EventBatch batch)
    {
        using var stream = new MemoryStream(64 + 256 * batch.Events.Count);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(batch.FirstOffset);
        WriteEvents(writer, batch.Events);
        writer.Flush();
        return stream.ToArray();
    }

    public static byte[] Write(StoreSnapshot snapshot)
    {
        using var stream = new MemoryStream(64 + 256 * snapshot.Events.Count);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(snapshot.Offset);
        WriteEvents(writer, snapshot.Events);
        writer.Write7BitEncodedInt(snapshot.Ended.Count);
        foreach (var ended in snapshot.Ended)
        {
            WriteString(writer, ended.CallId);
            writer.Write(ended.LastSequence);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <exception cref="SerializationException">The bytes end early or hold an event kind this version does not know.</exception>
    public static EventBatch ReadBatch(byte[] bytes) => Read(bytes, reader => new EventBatch(reader.ReadInt64(), ReadEvents(reader)));

    /// <exception cref="SerializationException">The bytes end early or hold an event kind this version does not know.</exception>
    public static StoreSnapshot ReadSnapshot(byte[] bytes) => Read(bytes, reader =>
    {
        var offset = reader.ReadInt64();
        var events = ReadEvents(reader);
        var ended = new EndedCall[reader.Read7BitEncodedInt()];
        for (var i = 0; i < ended.Length; i++) ended[i] = new EndedCall(ReadString(reader), reader.ReadInt64());
        return new StoreSnapshot(offset, events, ended);
    });

    private static T Read<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            var value = read(reader);
            if (reader.BaseStream.Position != bytes.Length)
                throw new SerializationException($"{bytes.Length - reader.BaseStream.Position} bytes follow the {typeof(T).Name}");
            return value;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException or ArgumentException)
        {
            throw new SerializationException($"the {typeof(T).Name} is damaged: {e.Message}", e);
        }
    }

    private static void WriteEvents(BinaryWriter writer, IReadOnlyList<CallEvent> events)
    {
        writer.Write7BitEncodedInt(events.Count);
        foreach (var e in events) WriteEvent(writer, e);
    }

    private static CallEvent[] ReadEvents(BinaryReader reader)
    {
        var events = new CallEvent[reader.Read7BitEncodedInt()];
        for (var i = 0; i < events.Length; i++) events[i] = ReadEvent(reader);
        return events;
    }

    private static void WriteEvent(BinaryWriter writer, CallEvent e)
    {
        writer.Write(KindOf(e));
        WriteString(writer, e.CallId);
        WriteString(writer, e.SipCallId);
        writer.Write(e.Sequence);
        WriteString(writer, e.Domain);
        WriteParty(writer, e.From);
        WriteParty(writer, e.To);
        WriteString(writer, e.Node);
        writer.Write(e.Time.UtcTicks);
        writer.Write((short)e.Time.Offset.TotalMinutes);
        writer.Write7BitEncodedInt(e.UserData.Count);
        foreach (var (key, value) in e.UserData)
        {
            WriteString(writer, key);
            WriteString(writer, value);
        }
        switch (e)
        {
            case CallForked f:
                WriteString(writer, f.BranchId);
                WriteString(writer, f.Target);
                break;
            case CallRinging r:
                WriteString(writer, r.BranchId);
                writer.Write(r.StatusCode);
                break;
            case CallAnswered a:
                WriteString(writer, a.BranchId);
                WriteString(writer, a.AnsweredBy);
                break;
            case CallHeld h:
                writer.Write((byte)h.By);
                break;
            case CallRetrieved r:
                writer.Write((byte)r.By);
                break;
            case CallTransferred t:
                writer.Write((byte)t.By);
                writer.Write((byte)t.Method);
                WriteString(writer, t.Target);
                break;
            case CallReleased r:
                writer.Write((byte)r.By);
                writer.Write(r.StatusCode);
                WriteString(writer, r.Reason);
                break;
            case CallFailed f:
                writer.Write(f.StatusCode);
                WriteString(writer, f.Cause);
                break;
            case UserDataChanged u:
                writer.Write7BitEncodedInt(u.ChangedKeys.Count);
                foreach (var key in u.ChangedKeys) WriteString(writer, key);
                break;
        }
    }

    private static CallEvent ReadEvent(BinaryReader reader)
    {
        var kind = reader.ReadByte();
        var callId = ReadString(reader);
        var sipCallId = ReadString(reader);
        var sequence = reader.ReadInt64();
        var domain = ReadString(reader);
        var from = ReadParty(reader);
        var to = ReadParty(reader);
        var node = ReadString(reader);
        var utcTicks = reader.ReadInt64();
        var time = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.ReadInt16()));
        var userData = ReadUserData(reader);
        CallEvent e = kind switch
        {
            1 => new CallInitiated { CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            2 => new CallForked { BranchId = ReadString(reader), Target = ReadString(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            3 => new CallRinging { BranchId = ReadString(reader), StatusCode = reader.ReadInt32(), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            4 => new CallAnswered { BranchId = ReadString(reader), AnsweredBy = ReadString(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            5 => new CallHeld { By = ReadRole(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            6 => new CallRetrieved { By = ReadRole(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            7 => new CallTransferred { By = ReadRole(reader), Method = ReadMethod(reader), Target = ReadString(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            8 => new CallReleased { By = ReadRole(reader), StatusCode = reader.ReadInt32(), Reason = ReadString(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            9 => new CallFailed { StatusCode = reader.ReadInt32(), Cause = ReadString(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            10 => new UserDataChanged { ChangedKeys = ReadStrings(reader), CallId = callId, SipCallId = sipCallId, Sequence = sequence, Domain = domain, From = from, To = to, Node = node, Time = time },
            _ => throw new SerializationException($"unknown call event kind {kind} (call {callId})"),
        };
        return userData.Count == 0 ? e : e with { UserData = userData };
    }

    private static byte KindOf(CallEvent e) => e switch
    {
        CallInitiated => 1,
        CallForked => 2,
        CallRinging => 3,
        CallAnswered => 4,
        CallHeld => 5,
        CallRetrieved => 6,
        CallTransferred => 7,
        CallReleased => 8,
        CallFailed => 9,
        UserDataChanged => 10,
        _ => throw new ArgumentException($"{e.GetType()} has no kind in the callstore's journal format", nameof(e)),
    };

    private static Dictionary<string, string> ReadUserData(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        var userData = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) userData[ReadString(reader)] = ReadString(reader);
        return userData;
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++) strings[i] = ReadString(reader);
        return strings;
    }

    private static PartyRole ReadRole(BinaryReader reader) => ReadEnum<PartyRole>(reader);

    private static TransferMethod ReadMethod(BinaryReader reader) => ReadEnum<TransferMethod>(reader);

    private static T ReadEnum<T>(BinaryReader reader) where T : struct, Enum
    {
        var value = reader.ReadByte();
        return Enum.IsDefined(typeof(T), (int)value) ? (T)(object)(int)value : throw new SerializationException($"{value} is no {typeof(T).Name}");
    }

    private static void WriteParty(BinaryWriter writer, CallParty party)
    {
        WriteString(writer, party.DisplayName);
        WriteString(writer, party.Uri);
    }

    private static CallParty ReadParty(BinaryReader reader) => new(ReadString(reader), ReadString(reader));

    private static void WriteString(BinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write7BitEncodedInt(0);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        writer.Write7BitEncodedInt(length + 1);
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        var bytes = rented is null ? stackalloc byte[StackLimit] : rented;
        Encoding.UTF8.GetBytes(value, bytes);
        writer.Write(bytes[..length]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    private const int StackLimit = 256;

    private static string ReadString(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt() - 1;
        if (length < 0) return null!;
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length > left) throw new EndOfStreamException($"a string of {length} bytes where {left} are left");
        return Encoding.UTF8.GetString(reader.ReadBytes(length));
    }
}
