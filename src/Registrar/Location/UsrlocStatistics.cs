namespace ClusterSip.Registrar.Location;

/// <summary>
/// Kamailio usrloc's statistics for the address-of-records this node hosts: registered_users and location-users
/// (records with a binding), location-contacts (bindings), location-expires (bindings that expired, a counter).
/// </summary>
public sealed class UsrlocStatistics
{
    private long _users;
    private long _contacts;
    private long _expired;

    public long Users => Interlocked.Read(ref _users);

    public long Contacts => Interlocked.Read(ref _contacts);

    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>One record's bindings went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Changed(int before, int after)
    {
        Interlocked.Add(ref _contacts, after - before);
        if ((before == 0) != (after == 0))
        {
            Interlocked.Add(ref _users, after == 0 ? -1 : 1);
        }
    }

    public void Expire(int count) => Interlocked.Add(ref _expired, count);

    public void ResetExpired() => Interlocked.Exchange(ref _expired, 0);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>
    {
        ["registered_users"] = Users,
        ["location-users"] = Users,
        ["location-contacts"] = Contacts,
        ["location-expires"] = Expired,
    };
}
