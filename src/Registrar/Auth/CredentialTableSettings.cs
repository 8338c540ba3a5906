namespace ClusterSip.Registrar.Auth;

/// <summary>cluster-sip.auth.table and table-reload: subscribers read from a table of the node's database.</summary>
/// <param name="Table">The table's name (an SQL identifier).</param>
/// <param name="Reload">How often the table is read again; changes take effect within this time.</param>
public sealed record CredentialTableSettings(string Table, TimeSpan Reload);
