using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.sip: where the SIP transports listen.</summary>
public sealed record SipSettings(IReadOnlyList<ListenEndpoint> Listen)
{
    public static SipSettings Read(SettingsReader reader)
    {
        var listen = reader.ParsedList("cluster-sip.sip.listen", ListenEndpoint.Parse);
        var duplicate = listen.GroupBy(e => e).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw reader.Invalid("cluster-sip.sip.listen", $"lists {duplicate.Key} more than once");
        return new SipSettings(listen);
    }
}
