using System.Data.Common;

namespace ClusterSip.Registrar.Auth;

/// <summary>
/// Subscribers kept in a table of the node's database (Kamailio's subscriber table, cluster-sip.auth.table): columns
/// username, domain, password and ha1 (one of the two set; an ha1 of 32 hex digits is MD5, of 64 SHA-256).
/// </summary>
/// <param name="table">The table's name, an SQL identifier checked by the settings reader.</param>
public sealed class CredentialTable(Func<DbConnection> connect, string table)
{
    /// <summary>Every usable row, and a description of each row that is not (which subscriber, and why).</summary>
    public async Task<(IReadOnlyList<UserCredential> Users, IReadOnlyList<string> Rejected)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT username, domain, password, ha1 FROM {table}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserCredential>();
        var rejected = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column).Trim() is { Length: > 0 } text ? text : null;
            var (user, domain, password, ha1) = (Text(0), Text(1), Text(2), Text(3));
            var problem = user is null || domain is null ? "username and domain are required"
                : (password is null) == (ha1 is null) ? "exactly one of password and ha1 is required"
                : ha1 is not null && (ha1.Length is not (32 or 64) || !ha1.All(char.IsAsciiHexDigit)) ? "ha1 must be 32 (MD5) or 64 (SHA-256) hex digits"
                : null;
            if (problem is null) users.Add(new UserCredential(user!, domain!.ToLowerInvariant(), password, ha1));
            else rejected.Add($"{user ?? "(no username)"}@{domain ?? "(no domain)"}: {problem}");
        }

        return (users, rejected);
    }
}
