using ClusterSip.Registrar.Auth;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class RegistrarSettingsTests
{
    [Fact]
    public void Defaults_leave_the_registrar_off_with_kamailio_limits()
    {
        var settings = TestConfiguration.Load().Settings.Registrar;
        Assert.False(settings.Enabled);
        Assert.Equal((60, 3600, 3600, 0), (settings.Policy.MinExpires, settings.Policy.MaxExpires, settings.Policy.DefaultExpires, settings.Policy.MaxContacts));
        Assert.False(settings.Auth.Enabled);
        Assert.Null(settings.Auth.Realm);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Auth.NonceExpires);
        Assert.True(settings.RandomSecret);
        Assert.NotEmpty(settings.Auth.Secret);
    }

    [Fact]
    public void Domains_users_and_auth_are_read()
    {
        var ha1 = DigestComputation.Ha1(DigestAlgorithm.Md5, "bob", "example.com", "builder");
        var settings = TestConfiguration.Load(
            "cluster-sip.registrar.domains=[\"Example.COM\"]",
            "cluster-sip.auth.enabled=on",
            "cluster-sip.auth.secret=shared",
            $"cluster-sip.auth.users=[{{ user = \"alice\", domain = \"example.com\", password = \"wonderland\" }}, {{ user = \"bob\", domain = \"example.com\", ha1 = \"{ha1}\" }}]").Settings.Registrar;

        Assert.Equal(["example.com"], settings.Policy.Domains);
        Assert.True(settings.Auth.Enabled);
        Assert.Equal("shared", settings.Auth.Secret);
        Assert.False(settings.RandomSecret);
        Assert.Equal([new UserCredential("alice", "example.com", "wonderland", null), new UserCredential("bob", "example.com", null, ha1)], settings.Auth.Users);
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], settings.Auth.Algorithms);
    }

    [Fact]
    public void Location_storage_is_the_journal_unless_memory_is_chosen()
    {
        Assert.True(TestConfiguration.Load().Settings.Registrar.Location.Journaled);
        Assert.False(TestConfiguration.Load("cluster-sip.registrar.storage=memory").Settings.Registrar.Location.Journaled);
    }

    [Fact]
    public void A_credentials_table_is_read_only_when_named()
    {
        Assert.Null(TestConfiguration.Load().Settings.Registrar.CredentialTable);
        Assert.Equal(new CredentialTableSettings("subscriber", TimeSpan.FromMinutes(1)),
            TestConfiguration.Load("cluster-sip.auth.table=subscriber").Settings.Registrar.CredentialTable);
    }

    [Fact]
    public void Algorithms_are_offered_in_the_order_given() =>
        Assert.Equal([DigestAlgorithm.Md5], TestConfiguration.Load("cluster-sip.auth.algorithms=[\"md5\"]").Settings.Registrar.Auth.Algorithms);

    [Theory]
    [InlineData("cluster-sip.auth.users=[{ user = \"alice\", domain = \"example.com\" }]", "cluster-sip.auth.users[0]", "either password or ha1")]
    [InlineData("cluster-sip.auth.users=[{ user = \"alice\", domain = \"example.com\", password = \"x\", ha1 = \"0123456789abcdef0123456789abcdef\" }]", "cluster-sip.auth.users[0]", "either password or ha1")]
    [InlineData("cluster-sip.auth.users=[{ domain = \"example.com\", password = \"x\" }]", "cluster-sip.auth.users[0]", "needs user and domain")]
    [InlineData("cluster-sip.auth.users=[{ user = \"a\", domain = \"example.com\", ha1 = \"xyz\" }]", "cluster-sip.auth.users[0]", "hex digits")]
    [InlineData("cluster-sip.auth.users=[\"alice\"]", "cluster-sip.auth.users[0]", "needs user and domain")]
    [InlineData("cluster-sip.auth.algorithms=[\"SHA-512\"]", "cluster-sip.auth.algorithms[0]", "not a digest algorithm")]
    [InlineData("cluster-sip.auth.algorithms=[]", "cluster-sip.auth.algorithms", "at least one")]
    [InlineData("cluster-sip.auth.algorithms=[\"MD5\", \"md5\"]", "cluster-sip.auth.algorithms", "twice")]
    [InlineData("cluster-sip.auth.table=\"subscriber; DROP TABLE journal\"", "cluster-sip.auth.table", "must be a table name")]
    [InlineData("cluster-sip.auth.table-reload=often", "cluster-sip.auth.table-reload", "duration")]
    [InlineData("cluster-sip.registrar.storage=disk", "cluster-sip.registrar.storage", "must be one of")]
    [InlineData("cluster-sip.registrar.snapshot-every=0", "cluster-sip.registrar.snapshot-every", "from 1")]
    [InlineData("cluster-sip.auth.enabled=maybe", "cluster-sip.auth.enabled", "must be one of")]
    [InlineData("cluster-sip.auth.nonce-expires=soon", "cluster-sip.auth.nonce-expires", "duration")]
    [InlineData("cluster-sip.registrar.min-expires=7200", "cluster-sip.registrar.min-expires", "from 0 to 3600")]
    [InlineData("cluster-sip.registrar.max-contacts=-1", "cluster-sip.registrar.max-contacts", "whole number")]
    [InlineData("cluster-sip.registrar.domains=example.com", "cluster-sip.registrar.domains", "list")]
    public void A_bad_value_stops_the_node_naming_the_key(string set, string key, string problem)
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load(set));
        Assert.Contains(key, error);
        Assert.Contains(problem, error);
    }
}
