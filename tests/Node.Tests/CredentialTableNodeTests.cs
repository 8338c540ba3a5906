using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Registrar.Auth;
using ClusterSip.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.auth.table: subscribers in the node's own SQLite database, read at start and re-read.</summary>
[Collection(NodesCollection.Name)]
public sealed class CredentialTableNodeTests : IDisposable
{
    private readonly TempDirectory _directory = new("credentials-node");
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());

    private string Database => Path.Combine(_directory.Path, "node.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_subscriber_of_the_table_registers_and_a_row_added_later_works_after_the_reload()
    {
        Execute("CREATE TABLE subscriber (username TEXT NOT NULL, domain TEXT NOT NULL, password TEXT, ha1 TEXT)",
            "INSERT INTO subscriber VALUES ('bob', 'example.com', 'builder', NULL), ('broken', 'example.com', NULL, NULL)");
        await using var node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            $"cluster-sip.persistence.sqlite-file=\"{Database}\"",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.auth.enabled=on",
            "cluster-sip.auth.secret=test-secret",
            "cluster-sip.auth.table=subscriber",
            "cluster-sip.auth.table-reload=1s",
        ]);
        await node.Api.WaitUntilReadyAsync();
        await node.WaitForLogAsync("row broken@example.com: exactly one of password and ha1 is required is left out");

        Assert.Equal(200, await Registers("bob", "builder"));
        Assert.Equal(403, await Registers("carol", "secret"));

        Execute("INSERT INTO subscriber VALUES ('carol', 'example.com', 'secret', NULL)");
        await Eventually.Value(() => Registers("carol", "secret"), status => status == 200, "carol registering once the table is read again");
    }

    /// <summary>REGISTER, 401, REGISTER with MD5 digest credentials of that user: the final status.</summary>
    private async Task<int> Registers(string user, string password)
    {
        using var phone = new LoopbackUa();
        var contact = $"sip:{user}@{phone.EndPoint}";
        var challenge = await phone.Request(_sip, For(user, Register(phone, 1, contact)));
        var md5 = challenge.WwwAuthenticates.Single(c => c.Algorithm == "MD5");
        var response = DigestComputation.Response(DigestAlgorithm.Md5, DigestComputation.Ha1(DigestAlgorithm.Md5, user, "example.com", password),
            md5.Nonce!, "00000001", "0a4f113b", "auth", "REGISTER", "sip:example.com");
        var authorization = $"Authorization: Digest username=\"{user}\", realm=\"example.com\", nonce=\"{md5.Nonce}\", uri=\"sip:example.com\", " +
                            $"response=\"{response}\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
        return (await phone.Request(_sip, For(user, Register(phone, 2, contact, authorization)))).StatusCode;
    }

    private static string For(string user, string register) => register.Replace("sip:bob@example.com", $"sip:{user}@example.com");

    private void Execute(params string[] statements)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=false");
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
