namespace ClusterSip.Registrar.Auth;

/// <summary>
/// The subscribers, found by user name and realm (user names are case-sensitive, realms are not): those configured in
/// cluster-sip.auth.users first, then those last read from the credentials table. Safe for concurrent readers while
/// the table's set is replaced.
/// </summary>
public sealed class CredentialStore(IEnumerable<UserCredential> configured)
{
    private readonly Dictionary<(string User, string Domain), UserCredential> _configured = Index(configured);
    private volatile Dictionary<(string User, string Domain), UserCredential> _table = [];

    /// <summary>How many subscribers the last read of the table gave.</summary>
    public int TableCount => _table.Count;

    public UserCredential? Find(string user, string realm)
    {
        var key = (user, realm.ToLowerInvariant());
        return _configured.GetValueOrDefault(key) ?? _table.GetValueOrDefault(key);
    }

    /// <summary>The table's subscribers as just read; for a user listed twice the last row counts.</summary>
    public void ReplaceTable(IEnumerable<UserCredential> rows) => _table = Index(rows);

    private static Dictionary<(string User, string Domain), UserCredential> Index(IEnumerable<UserCredential> users)
    {
        var index = new Dictionary<(string User, string Domain), UserCredential>();
        foreach (var user in users) index[(user.User, user.Domain.ToLowerInvariant())] = user;
        return index;
    }
}
