using DnsClient.Protocol;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>The order in which SRV targets are tried (RFC 2782): lowest priority first, weighted random within one priority.</summary>
public static class SrvOrdering
{
    public static IReadOnlyList<SrvRecord> Order(IEnumerable<SrvRecord> records, Random random)
    {
        var ordered = new List<SrvRecord>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // Zero-weight records go first in the running sum so that they are chosen with a small chance (RFC 2782).
            var pending = group.OrderBy(r => r.Weight).ToList();
            while (pending.Count > 0)
            {
                var total = pending.Sum(r => r.Weight);
                var pick = random.Next(total + 1);
                var sum = 0;
                var chosen = pending[^1];
                foreach (var record in pending)
                {
                    sum += record.Weight;
                    if (sum >= pick)
                    {
                        chosen = record;
                        break;
                    }
                }

                ordered.Add(chosen);
                pending.Remove(chosen);
            }
        }

        return ordered;
    }
}
