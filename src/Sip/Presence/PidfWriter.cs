using System.Globalization;
using System.Text;
using System.Xml;

namespace ClusterSip.Sip.Presence;

/// <summary>Writes PIDF documents (RFC 3863) as UTF-8 XML that <see cref="PidfParser"/> reads back unchanged.</summary>
public static class PidfWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
    };

    public static byte[] ToBytes(PidfDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            Write(writer, document);
        }

        return stream.ToArray();
    }

    public static string ToXml(PidfDocument document) => Encoding.UTF8.GetString(ToBytes(document));

    private static void Write(XmlWriter w, PidfDocument document)
    {
        w.WriteStartDocument();
        w.WriteStartElement("presence", PidfParser.Namespace);
        w.WriteAttributeString("entity", document.Entity);
        foreach (var tuple in document.Tuples)
        {
            WriteTuple(w, tuple);
        }

        WriteNotes(w, document.Notes);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteTuple(XmlWriter w, PidfTuple tuple)
    {
        w.WriteStartElement("tuple", PidfParser.Namespace);
        w.WriteAttributeString("id", tuple.Id);
        w.WriteStartElement("status", PidfParser.Namespace);
        if (tuple.Basic is { } basic)
        {
            w.WriteElementString("basic", PidfParser.Namespace, basic == PidfBasic.Open ? "open" : "closed");
        }

        w.WriteEndElement();
        if (tuple.Contact is { } contact)
        {
            w.WriteStartElement("contact", PidfParser.Namespace);
            if (contact.Priority is { } priority)
            {
                w.WriteAttributeString("priority", priority.ToString("0.###", CultureInfo.InvariantCulture));
            }

            w.WriteString(contact.Uri);
            w.WriteEndElement();
        }

        WriteNotes(w, tuple.Notes);
        if (tuple.Timestamp is { } timestamp)
        {
            w.WriteElementString("timestamp", PidfParser.Namespace, XmlConvert.ToString(timestamp));
        }

        w.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter w, IReadOnlyList<PidfNote> notes)
    {
        foreach (var note in notes)
        {
            w.WriteStartElement("note", PidfParser.Namespace);
            if (note.Language is not null)
            {
                w.WriteAttributeString("xml", "lang", null, note.Language);
            }

            w.WriteString(note.Text);
            w.WriteEndElement();
        }
    }
}
