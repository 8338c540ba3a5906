using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ClusterSip.Node.Configuration;

/// <summary>
/// Parses HOCON text strictly. Akka's parser accepts unbalanced brackets and stray tokens without
/// complaint (it yields partial trees or "unknown values"), so the text is checked for balanced
/// brackets and closed strings first and the parsed tree for values the parser could not read.
/// </summary>
public static class HoconSyntax
{
    public static Config Parse(string text, string origin)
    {
        CheckStructure(text, origin);
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(text, include =>
                throw new ConfigurationException($"{origin}: include is not supported; layer files with --config instead"));
        }
        catch (ConfigurationException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ConfigurationException($"{origin}: HOCON syntax error: {FirstLine(e.Message)}");
        }

        var unreadable = HoconTree.Leaves(config).FirstOrDefault(leaf => leaf.Kind != HoconKind.Section && leaf.Value.IsEmpty);
        if (unreadable is not null)
            throw new ConfigurationException($"{origin}: HOCON syntax error: no readable value for key '{unreadable.Path}'");
        return config;
    }

    private static void CheckStructure(string text, string origin)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            else if (c == '"' && string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
            {
                var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                if (end < 0) throw Error(origin, line, "unterminated triple-quoted string");
                line += text.AsSpan(i, end - i).Count('\n');
                i = end + 2;
            }
            else if (c == '"')
            {
                i = EndOfQuotedString(text, i) ?? throw Error(origin, line, "unterminated string");
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                var end = text.IndexOf('\n', i);
                i = (end < 0 ? text.Length : end) - 1;
            }
            else if (c is '{' or '[')
            {
                open.Push((c, line));
            }
            else if (c is '}' or ']')
            {
                var expected = c == '}' ? '{' : '[';
                if (open.Count == 0) throw Error(origin, line, $"'{c}' closes nothing");
                var (bracket, openedAt) = open.Pop();
                if (bracket != expected) throw Error(origin, line, $"'{c}' does not match '{bracket}' opened on line {openedAt}");
            }
        }

        if (open.Count > 0)
        {
            var (bracket, openedAt) = open.Pop();
            throw Error(origin, openedAt, $"'{bracket}' is never closed");
        }
    }

    private static int? EndOfQuotedString(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\': i++; break;
                case '"': return i;
                case '\n': return null;
            }
        }
        return null;
    }

    private static ConfigurationException Error(string origin, int line, string what) =>
        new($"{origin}:{line}: HOCON syntax error: {what}");

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
