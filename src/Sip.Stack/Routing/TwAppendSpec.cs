using Akka.Configuration;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// The parsed <c>tw_append</c> parameter: <c>append_name ':' element (';' element)*</c>, element = <c>[name '='] pseudo_variable</c>.
/// Several definitions are separated by '|'. Pseudo-variables: $hdr(Name), $rb, $ru, $fu, $tu, $ci, $rm, $avp(name),
/// $T_reply_code, $T_branch_idx, $Ts, and the older forms hdr[Name], msg[body], avp[name].
/// </summary>
public sealed class TwAppendSpec
{
    public static readonly TwAppendSpec Empty = new(new Dictionary<string, IReadOnlyList<TwAppendElement>>());

    private readonly IReadOnlyDictionary<string, IReadOnlyList<TwAppendElement>> _definitions;

    private TwAppendSpec(IReadOnlyDictionary<string, IReadOnlyList<TwAppendElement>> definitions) => _definitions = definitions;

    /// <exception cref="ConfigurationException">A definition is malformed; the message names <paramref name="key"/>.</exception>
    public static TwAppendSpec Parse(string text, string key = "tw_append")
    {
        var definitions = new Dictionary<string, IReadOnlyList<TwAppendElement>>(StringComparer.Ordinal);
        foreach (var definition in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = definition.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ConfigurationException($"{key}: '{definition}' is not append_name:element(;element)*.");
            }

            var elements = new List<TwAppendElement>();
            foreach (var element in definition[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = element.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? element[..eq].Trim() : null;
                var variable = eq > 0 ? element[(eq + 1)..].Trim() : element;
                if (!IsVariable(variable))
                {
                    throw new ConfigurationException($"{key}: '{variable}' is not a supported pseudo-variable.");
                }

                if (name is null && !IsBody(variable))
                {
                    throw new ConfigurationException($"{key}: '{element}' needs a name (only the body $rb may be unnamed).");
                }

                elements.Add(new TwAppendElement(name, variable));
            }

            definitions[definition[..colon].Trim()] = elements;
        }

        return new TwAppendSpec(definitions);
    }

    public IReadOnlyList<TwAppendElement> Get(string name) => _definitions.TryGetValue(name, out var elements) ? elements : [];

    internal static bool IsBody(string variable) => variable is "$rb" or "msg[body]";

    private static bool IsVariable(string v) =>
        v is "$rb" or "$ru" or "$fu" or "$tu" or "$ci" or "$rm" or "$T_reply_code" or "$T_branch_idx" or "$Ts" or "msg[body]"
        || (v.StartsWith("$hdr(", StringComparison.Ordinal) && v.EndsWith(')'))
        || (v.StartsWith("$avp(", StringComparison.Ordinal) && v.EndsWith(')'))
        || (v.StartsWith("hdr[", StringComparison.Ordinal) && v.EndsWith(']'))
        || (v.StartsWith("avp[", StringComparison.Ordinal) && v.EndsWith(']'));
}

/// <summary>One element of a tw_append definition: the line name and the pseudo-variable giving its value.</summary>
public sealed record TwAppendElement(string? Name, string Variable);
