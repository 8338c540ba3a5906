using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// The records of one location partition in memory, counted in the node's usrloc statistics while held. Expired
/// bindings leave on a sweep; everything a caller is given is live at the time it names.
/// </summary>
public sealed class LocationTable(RegistrarPolicy policy, UsrlocStatistics statistics)
{
    private readonly Dictionary<string, Binding[]> _records = new(StringComparer.Ordinal);
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;

    /// <summary>Applies a REGISTER (RFC 3261 10.3 steps 6-8); <c>Changed</c> says whether the record must be stored.</summary>
    public (RegisterOutcome Outcome, bool Changed) Register(RegisterCommand command, DateTimeOffset now)
    {
        var outcome = BindingRules.Apply(_records.GetValueOrDefault(command.Aor) ?? [], command, policy, now);
        if (!outcome.Accepted || outcome.Changes.Length == 0) return (outcome, false);

        statistics.Expire(outcome.Changes.Count(c => c.Kind == BindingChangeKind.Expired));
        Set(command.Aor, outcome.Bindings);
        return (outcome, true);
    }

    /// <summary>Removes every binding of the record; null when there was no record, else how many live bindings went.</summary>
    public int? Remove(string aor, DateTimeOffset now)
    {
        if (!_records.ContainsKey(aor)) return null;

        var live = Live(aor, now).Length;
        Set(aor, []);
        return live;
    }

    public Binding[] Live(string aor, DateTimeOffset now) =>
        _records.TryGetValue(aor, out var bindings) ? bindings.Where(b => b.ExpiresAt > now).ToArray() : [];

    public string[] Records(DateTimeOffset now) =>
        _records.Where(r => r.Value.Any(b => b.ExpiresAt > now)).Select(r => r.Key).ToArray();

    /// <summary>A record as storage hands it back (a snapshot's or a journaled change); none = the record is gone.</summary>
    public void Restore(string aor, Binding[] bindings)
    {
        if (bindings.Length == 0) _records.Remove(aor);
        else _records[aor] = bindings;
    }

    /// <summary>After restoring: counts what is held and sweeps out what expired meanwhile.</summary>
    public void Restored(DateTimeOffset now)
    {
        foreach (var bindings in _records.Values) statistics.Changed(0, bindings.Length);
        _nextExpiry = DateTimeOffset.MinValue;
        Sweep(now);
    }

    public RecordStored[] Snapshot() => _records.Select(r => new RecordStored(r.Key, r.Value)).ToArray();

    /// <summary>Drops expired bindings (counted as location-expires) once the earliest expiry has passed.</summary>
    public void Sweep(DateTimeOffset now)
    {
        if (now < _nextExpiry) return;

        var next = DateTimeOffset.MaxValue;
        var changed = new List<(string Aor, Binding[] Remaining, int Expired)>();
        foreach (var (aor, bindings) in _records)
        {
            foreach (var binding in bindings)
            {
                if (binding.ExpiresAt > now && binding.ExpiresAt < next) next = binding.ExpiresAt;
            }

            if (bindings.Any(b => b.ExpiresAt <= now))
            {
                var (remaining, expired) = BindingRules.Expire(bindings, now);
                changed.Add((aor, remaining, expired.Length));
            }
        }

        foreach (var (aor, remaining, expired) in changed)
        {
            statistics.Expire(expired);
            Set(aor, remaining);
        }

        _nextExpiry = next;
    }

    /// <summary>Takes the held records out of the statistics (the partition stops; another node will count them).</summary>
    public void Uncount()
    {
        foreach (var bindings in _records.Values) statistics.Changed(bindings.Length, 0);
    }

    private void Set(string aor, Binding[] bindings)
    {
        statistics.Changed(_records.GetValueOrDefault(aor)?.Length ?? 0, bindings.Length);
        Restore(aor, bindings);
        foreach (var binding in bindings)
        {
            if (binding.ExpiresAt < _nextExpiry) _nextExpiry = binding.ExpiresAt;
        }
    }
}
