using System.Collections.Concurrent;

namespace ClusterSip.Registrar.Auth;

/// <summary>
/// The highest nonce-count accepted for each live nonce on this node: a request whose nc is not higher is a replay
/// (RFC 2617 3.2.2). Entries leave once their nonce has gone stale.
/// </summary>
public sealed class NonceCounts
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, (uint Count, DateTimeOffset ExpiresAt)> _seen = new(StringComparer.Ordinal);
    private int _uses;

    /// <summary>Records the count; false when it is not higher than one already accepted for that nonce.</summary>
    public bool TryUse(string nonce, uint count, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _uses) % SweepEvery == 0)
        {
            Sweep(now);
        }

        while (true)
        {
            if (!_seen.TryGetValue(nonce, out var last))
            {
                if (_seen.TryAdd(nonce, (count, expiresAt)))
                {
                    return true;
                }

                continue;
            }

            if (count <= last.Count)
            {
                return false;
            }

            if (_seen.TryUpdate(nonce, (count, expiresAt), last))
            {
                return true;
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (nonce, entry) in _seen)
        {
            if (entry.ExpiresAt < now)
            {
                _seen.TryRemove(nonce, out _);
            }
        }
    }
}
