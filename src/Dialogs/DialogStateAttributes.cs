using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ClusterSip.Dialogs;

/// <summary>
/// The four attributes of a <see cref="DialogStateEvent"/> as fields: raised on every change of every dialog's state,
/// a hashed dictionary (its buckets and entries) would be most of the event's cost.
/// </summary>
internal sealed class DialogStateAttributes(string callId, string dialog, string state, string previous) : IReadOnlyDictionary<string, string>
{
    public int Count => 4;

    public IEnumerable<string> Keys => [DialogStateEvent.CallId, DialogStateEvent.Dialog, DialogStateEvent.State, DialogStateEvent.Previous];

    public IEnumerable<string> Values => [callId, dialog, state, previous];

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        value = key switch
        {
            DialogStateEvent.CallId => callId,
            DialogStateEvent.Dialog => dialog,
            DialogStateEvent.State => state,
            DialogStateEvent.Previous => previous,
            _ => null,
        };
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        yield return new(DialogStateEvent.CallId, callId);
        yield return new(DialogStateEvent.Dialog, dialog);
        yield return new(DialogStateEvent.State, state);
        yield return new(DialogStateEvent.Previous, previous);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
