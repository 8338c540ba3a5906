namespace ClusterSip.Registrar.Auth;

/// <summary>The configured subscribers, found by user name and realm (user names are case-sensitive, realms are not).</summary>
public sealed class CredentialStore
{
    private readonly Dictionary<(string User, string Domain), UserCredential> _users;

    public CredentialStore(IEnumerable<UserCredential> users) =>
        _users = users.ToDictionary(u => (u.User, u.Domain.ToLowerInvariant()));

    public UserCredential? Find(string user, string realm) => _users.GetValueOrDefault((user, realm.ToLowerInvariant()));
}
