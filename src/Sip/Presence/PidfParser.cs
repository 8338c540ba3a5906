using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ClusterSip.Sip.Presence;

/// <summary>
/// Reads PIDF documents (RFC 3863). DTDs are refused (no entity expansion, no external resources); unknown elements of
/// other namespaces are skipped unless they carry mustUnderstand="true" (RFC 3863 4.3).
/// </summary>
public static class PidfParser
{
    public const string Namespace = "urn:ietf:params:xml:ns:pidf";

    private const int MaxCharacters = 1024 * 1024;
    private static readonly XNamespace Pidf = Namespace;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <exception cref="PidfParseException">The body is not a valid PIDF document.</exception>
    public static PidfDocument Parse(ReadOnlySpan<byte> body) => Parse(Encoding.UTF8.GetString(StripBom(body)));

    /// <exception cref="PidfParseException">The text is not a valid PIDF document.</exception>
    public static PidfDocument Parse(string xml)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            root = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            throw new PidfParseException($"not well-formed XML: {e.Message}", e);
        }

        return ReadPresence(root);
    }

    public static bool TryParse(ReadOnlySpan<byte> body, out PidfDocument? document, out string? error)
    {
        try
        {
            document = Parse(body);
            error = null;
            return true;
        }
        catch (PidfParseException e)
        {
            document = null;
            error = e.Reason;
            return false;
        }
    }

    private static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static PidfDocument ReadPresence(XElement root)
    {
        if (root.Name != Pidf + "presence")
        {
            throw new PidfParseException($"the root element is {root.Name}, not {{{Namespace}}}presence");
        }

        var entity = (string?)root.Attribute("entity");
        if (entity is null || !LooksLikeUri(entity))
        {
            throw new PidfParseException("the presence element needs an entity attribute holding a URI");
        }

        var tuples = new List<PidfTuple>();
        var notes = new List<PidfNote>();
        foreach (var child in root.Elements())
        {
            if (child.Name == Pidf + "tuple")
            {
                var tuple = ReadTuple(child);
                if (tuples.Any(t => t.Id == tuple.Id))
                {
                    throw new PidfParseException($"tuple id \"{tuple.Id}\" appears more than once");
                }

                tuples.Add(tuple);
            }
            else if (child.Name == Pidf + "note")
            {
                notes.Add(ReadNote(child));
            }
            else
            {
                CheckExtension(child, "presence");
            }
        }

        return new PidfDocument(entity.Trim(), tuples, notes);
    }

    private static PidfTuple ReadTuple(XElement tuple)
    {
        var id = ((string?)tuple.Attribute("id"))?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new PidfParseException("a tuple needs an id attribute");
        }

        PidfBasic? basic = null;
        PidfContact? contact = null;
        DateTimeOffset? timestamp = null;
        var notes = new List<PidfNote>();
        var seen = new HashSet<string>();
        foreach (var child in tuple.Elements())
        {
            if (child.Name.Namespace != Pidf)
            {
                CheckExtension(child, $"tuple \"{id}\"");
                continue;
            }

            var name = child.Name.LocalName;
            if (name != "note" && !seen.Add(name))
            {
                throw new PidfParseException($"tuple \"{id}\" has more than one {name}");
            }

            switch (name)
            {
                case "status":
                    basic = ReadStatus(child, id);
                    break;
                case "contact":
                    contact = ReadContact(child, id);
                    break;
                case "note":
                    notes.Add(ReadNote(child));
                    break;
                case "timestamp":
                    timestamp = ReadTimestamp(child, id);
                    break;
                default:
                    throw new PidfParseException($"tuple \"{id}\" contains an unknown PIDF element {name}");
            }
        }

        if (!seen.Contains("status"))
        {
            throw new PidfParseException($"tuple \"{id}\" has no status");
        }

        return new PidfTuple(id, basic, contact, notes, timestamp);
    }

    private static PidfBasic? ReadStatus(XElement status, string id)
    {
        PidfBasic? basic = null;
        foreach (var child in status.Elements())
        {
            if (child.Name != Pidf + "basic")
            {
                CheckExtension(child, $"the status of tuple \"{id}\"");
                continue;
            }

            if (basic is not null)
            {
                throw new PidfParseException($"the status of tuple \"{id}\" has more than one basic");
            }

            basic = child.Value.Trim() switch
            {
                "open" => PidfBasic.Open,
                "closed" => PidfBasic.Closed,
                var other => throw new PidfParseException($"tuple \"{id}\" has basic \"{other}\"; expected open or closed"),
            };
        }

        return basic;
    }

    private static PidfContact ReadContact(XElement contact, string id)
    {
        var uri = contact.Value.Trim();
        if (!LooksLikeUri(uri))
        {
            throw new PidfParseException($"the contact of tuple \"{id}\" is not a URI: \"{uri}\"");
        }

        var text = (string?)contact.Attribute("priority");
        if (text is null)
        {
            return new PidfContact(uri, null);
        }

        // qvalue (RFC 3863 4.1.5): 0 to 1 with at most three decimals.
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var priority)
            || priority > 1 || decimal.Round(priority, 3) != priority)
        {
            throw new PidfParseException($"the contact priority of tuple \"{id}\" is \"{text}\"; expected a number from 0 to 1 with at most three decimals");
        }

        return new PidfContact(uri, priority);
    }

    private static DateTimeOffset ReadTimestamp(XElement timestamp, string id)
    {
        try
        {
            return XmlConvert.ToDateTimeOffset(timestamp.Value.Trim());
        }
        catch (FormatException e)
        {
            throw new PidfParseException($"the timestamp of tuple \"{id}\" is not an xs:dateTime: \"{timestamp.Value}\"", e);
        }
    }

    private static PidfNote ReadNote(XElement note) =>
        new(note.Value, note.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "lang")).FirstOrDefault(l => l is not null));

    private static void CheckExtension(XElement element, string where)
    {
        if (element.Name.Namespace == Pidf)
        {
            throw new PidfParseException($"{where} contains an unknown PIDF element {element.Name.LocalName}");
        }

        var mustUnderstand = ((string?)element.Attribute(Pidf + "mustUnderstand"))?.Trim();
        if (mustUnderstand is "true" or "1")
        {
            throw new PidfParseException($"{where} contains {element.Name}, marked mustUnderstand, which is not supported");
        }
    }

    private static bool LooksLikeUri(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && colon < text.Length - 1 && char.IsAsciiLetter(text[0])
            && text[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
            && !text.Any(char.IsWhiteSpace);
    }
}
