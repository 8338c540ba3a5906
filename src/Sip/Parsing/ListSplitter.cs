namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Splits a header value at the commas that separate list elements (RFC 3261 7.3.1); commas inside quoted
/// strings and angle brackets are part of the element.
/// </summary>
internal static class ListSplitter
{
    /// <summary>Position of the comma ending the element that starts at <paramref name="start"/>, or the length.</summary>
    public static int ElementEnd(ReadOnlySpan<byte> s, int start)
    {
        var inQuotes = false;
        var inBrackets = false;
        for (var i = start; i < s.Length; i++)
        {
            var b = s[i];
            if (inQuotes)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inQuotes = false;
                }
            }
            else if (b == '"')
            {
                inQuotes = true;
            }
            else if (b == '<')
            {
                inBrackets = true;
            }
            else if (b == '>')
            {
                inBrackets = false;
            }
            else if (b == ',' && !inBrackets)
            {
                return i;
            }
        }

        return s.Length;
    }

    /// <summary>The trimmed, non-empty elements as text.</summary>
    public static void AddElements(ReadOnlySpan<byte> s, List<string> into)
    {
        var start = 0;
        while (start <= s.Length)
        {
            var end = ElementEnd(s, start);
            var element = Lex.TrimWs(s[start..end]);
            if (!element.IsEmpty)
            {
                into.Add(Lex.Text(element));
            }

            start = end + 1;
        }
    }
}
