using System.Security.Cryptography;
using Akka.Configuration.Hocon;
using ClusterSip.Node.Configuration;
using ClusterSip.Registrar.Auth;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.registrar and cluster-sip.auth.</summary>
/// <param name="CredentialTable">auth.table, when set: subscribers read from the node's database too.</param>
/// <param name="RandomSecret">auth.secret was empty: this node's nonces are valid on this node only.</param>
public sealed record RegistrarSettings(
    RegistrarPolicy Policy,
    LocationSettings Location,
    DigestAuthSettings Auth,
    CredentialTableSettings? CredentialTable,
    bool RandomSecret)
{
    private const string RegistrarPath = "cluster-sip.registrar";
    private const string AuthPath = "cluster-sip.auth";

    public bool Enabled => Policy.Domains.Count > 0;

    public static RegistrarSettings Read(SettingsReader reader)
    {
        var domains = reader.StringList($"{RegistrarPath}.domains").Select(d => d.ToLowerInvariant()).ToList();
        var maxExpires = reader.Int($"{RegistrarPath}.max-expires", 1, int.MaxValue);
        var policy = new RegistrarPolicy(
            domains,
            reader.Int($"{RegistrarPath}.min-expires", 0, maxExpires),
            maxExpires,
            reader.Int($"{RegistrarPath}.default-expires", 1, maxExpires),
            reader.Int($"{RegistrarPath}.max-contacts", 0, int.MaxValue));

        var realm = reader.String($"{AuthPath}.realm");
        var secret = reader.String($"{AuthPath}.secret");
        var auth = new DigestAuthSettings(
            reader.Choice($"{AuthPath}.enabled", Switch),
            realm.Length == 0 ? null : realm,
            Users(reader),
            reader.Duration($"{AuthPath}.nonce-expires"),
            secret.Length > 0 ? secret : Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            Algorithms(reader));
        var location = new LocationSettings(
            reader.Duration($"{RegistrarPath}.lookup-timeout"),
            reader.Choice($"{RegistrarPath}.storage", Storage),
            reader.Int($"{RegistrarPath}.snapshot-every", 1, int.MaxValue));
        var table = reader.String($"{AuthPath}.table");
        if (table.Length > 0 && !SqlIdentifier.IsMatch(table))
            throw reader.Invalid($"{AuthPath}.table", "must be a table name (letters, digits and _, not starting with a digit)");
        var reload = reader.Duration($"{AuthPath}.table-reload");
        var credentialTable = table.Length == 0 ? null : new CredentialTableSettings(table, reload);
        return new RegistrarSettings(policy, location, auth, credentialTable, secret.Length == 0);
    }

    private static readonly System.Text.RegularExpressions.Regex SqlIdentifier = new("^[A-Za-z_][A-Za-z0-9_]*$");

    private static readonly Dictionary<string, bool> Storage = new() { ["journal"] = true, ["memory"] = false };

    private static readonly Dictionary<string, bool> Switch = new()
    {
        ["on"] = true, ["off"] = false, ["true"] = true, ["false"] = false, ["yes"] = true, ["no"] = false,
    };

    private static IReadOnlyList<DigestAlgorithm> Algorithms(SettingsReader reader)
    {
        const string path = $"{AuthPath}.algorithms";
        var algorithms = reader.ParsedList<DigestAlgorithm>(path, name =>
            DigestAlgorithm.FromParameter(name) is { } algorithm && algorithm.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                ? (algorithm, null)
                : (null, "not a digest algorithm (SHA-256, MD5)"));
        if (algorithms.Count == 0) throw reader.Invalid(path, "must name at least one algorithm");
        if (algorithms.Distinct().Count() != algorithms.Count) throw reader.Invalid(path, "names an algorithm twice");
        return algorithms;
    }

    private static List<UserCredential> Users(SettingsReader reader)
    {
        const string path = $"{AuthPath}.users";
        var value = reader.Config.GetValue(path);
        if (HoconTree.KindOf(value) != HoconKind.List) throw reader.Invalid(path, "must be a list of { user, domain, password or ha1 }");
        return HoconTree.Elements(value).Select((element, i) => User(reader, path, i, element)).ToList();
    }

    private static UserCredential User(SettingsReader reader, string path, int index, HoconValue element)
    {
        string? Field(string name) =>
            element.IsObject() && element.GetObject().Items.TryGetValue(name, out var v) && v.IsString() ? v.GetString() : null;

        var where = $"{path}[{index}]";
        if (!element.IsObject() || Field("user") is not { Length: > 0 } user || Field("domain") is not { Length: > 0 } domain)
            throw new ConfigurationException($"{where} ({reader.OriginOf(path)}): needs user and domain, e.g. {{ user = \"alice\", domain = \"example.com\", password = \"...\" }}");

        var password = Field("password");
        var ha1 = Field("ha1");
        if ((password is null) == (ha1 is null))
            throw new ConfigurationException($"{where} ({reader.OriginOf(path)}): give either password or ha1 for {user}@{domain}");
        if (ha1 is not null && (ha1.Length is not (32 or 64) || !ha1.All(char.IsAsciiHexDigit)))
            throw new ConfigurationException($"{where} ({reader.OriginOf(path)}): ha1 must be 32 (MD5) or 64 (SHA-256) hex digits");

        return new UserCredential(user, domain.ToLowerInvariant(), password, ha1);
    }
}
