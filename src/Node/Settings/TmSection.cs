using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.tm: the tm module's parameters, under the module's own key names.</summary>
public static class TmSection
{
    private const string Section = "cluster-sip.tm";

    public static TmSettings Read(SettingsReader reader)
    {
        var settings = new TmSettings
        {
            FrTimer = Seconds(reader, "fr_timer", min: 1),
            FrInvTimer = Seconds(reader, "fr_inv_timer", min: 1),
            WtTimer = Seconds(reader, "wt_timer", min: 0),
            DeleteTimer = Seconds(reader, "delete_timer", min: 1),
            T1 = Milliseconds(reader, "T1_timer"),
            T2 = Milliseconds(reader, "T2_timer"),
            T4 = Milliseconds(reader, "T4_timer"),
            NoisyCTimer = reader.Flag($"{Section}.noisy_ctimer"),
            RestartFrOnEachReply = reader.Flag($"{Section}.restart_fr_on_each_reply"),
            RuriMatching = reader.Flag($"{Section}.ruri_matching"),
            Via1Matching = reader.Flag($"{Section}.via1_matching"),
            UnixTxTimeout = Seconds(reader, "unix_tx_timeout", min: 1),
            PassProvisionalReplies = reader.Flag($"{Section}.pass_provisional_replies"),
            SynBranch = reader.Flag($"{Section}.syn_branch"),
            TwAppend = reader.String($"{Section}.tw_append"),
            FrTimerAvp = reader.String($"{Section}.fr_timer_avp"),
            FrInvTimerAvp = reader.String($"{Section}.fr_inv_timer_avp"),
            OnReplyAvpMode = reader.Int($"{Section}.onreply_avp_mode", 0, 1),
            Managers = reader.Int($"{Section}.managers", 0, 1024),
        };

        if (settings.T2 < settings.T1)
            throw reader.Invalid($"{Section}.T2_timer", $"must not be smaller than T1_timer ({settings.T1.TotalMilliseconds} ms, {reader.OriginOf($"{Section}.T1_timer")})");

        try
        {
            TwAppendSpec.Parse(settings.TwAppend);
        }
        catch (FormatException e)
        {
            throw reader.Invalid($"{Section}.tw_append", e.Message);
        }

        return settings;
    }

    private static TimeSpan Seconds(SettingsReader reader, string key, int min) =>
        TimeSpan.FromSeconds(reader.Int($"{Section}.{key}", min, int.MaxValue));

    private static TimeSpan Milliseconds(SettingsReader reader, string key) =>
        TimeSpan.FromMilliseconds(reader.Int($"{Section}.{key}", 1, int.MaxValue));
}
