using System.Globalization;
using Akka.Configuration;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The parameters of the SER/Kamailio <c>tm</c> module (HOCON section <c>cluster-sip.tm</c>, same key names as the module),
/// plus T4 of RFC 3261. Durations the module gives in seconds or milliseconds are held as <see cref="TimeSpan"/>.
/// </summary>
public sealed record TmSettings
{
    public const string SectionPath = "cluster-sip.tm";

    public static readonly TmSettings Default = new();

    /// <summary><c>fr_timer</c>: no reply at all within this time ends the branch (408 / failure route).</summary>
    public TimeSpan FrTimer { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>fr_inv_timer</c>: no final reply to an INVITE within this time after its first provisional reply.</summary>
    public TimeSpan FrInvTimer { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary><c>wt_timer</c>: how long a finished transaction stays to absorb late messages.</summary>
    public TimeSpan WtTimer { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>delete_timer</c>: retry interval for deleting a finished transaction that is still in use (branches alive).</summary>
    public TimeSpan DeleteTimer { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>T1_timer</c>: RFC 3261 T1, the first retransmission interval.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>T2_timer</c>: RFC 3261 T2, the maximum retransmission interval.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromMilliseconds(4000);

    /// <summary><c>T4_timer</c>: RFC 3261 T4, how long the network may hold a message (Timers I and K).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>noisy_ctimer</c>: on an INVITE fr timeout, CANCEL the branch instead of dropping it silently.</summary>
    public bool NoisyCTimer { get; init; }

    /// <summary><c>restart_fr_on_each_reply</c>: restart the final-response timer on every provisional reply.</summary>
    public bool RestartFrOnEachReply { get; init; } = true;

    /// <summary><c>ruri_matching</c>: include the Request-URI in pre-3261 transaction matching.</summary>
    public bool RuriMatching { get; init; } = true;

    /// <summary><c>via1_matching</c>: include the top Via in pre-3261 transaction matching.</summary>
    public bool Via1Matching { get; init; } = true;

    /// <summary><c>unix_tx_timeout</c>: send timeout of <c>t_write_unix</c>.</summary>
    public TimeSpan UnixTxTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>pass_provisional_replies</c>: also write provisional replies to t_write_* applications.</summary>
    public bool PassProvisionalReplies { get; init; }

    /// <summary><c>syn_branch</c>: synonym branches (random branch id, no loop-detection hash) instead of hash-based ones.</summary>
    public bool SynBranch { get; init; } = true;

    /// <summary><c>tw_append</c>: extra lines for t_write_fifo/t_write_unix (<c>name:element(;element)*</c>).</summary>
    public string TwAppend { get; init; } = string.Empty;

    /// <summary><c>fr_timer_avp</c>: name of the transaction AVP (seconds) that overrides fr_timer; empty = off.</summary>
    public string FrTimerAvp { get; init; } = string.Empty;

    /// <summary><c>fr_inv_timer_avp</c>: name of the transaction AVP (seconds) that overrides fr_inv_timer; empty = off.</summary>
    public string FrInvTimerAvp { get; init; } = string.Empty;

    /// <summary><c>onreply_avp_mode</c>: 0 = reply routes get their own empty AVP list; 1 = they see and change the transaction's.</summary>
    public int OnReplyAvpMode { get; init; }

    /// <summary>RFC 3261 Timer B/F/H/J: 64*T1.</summary>
    public TimeSpan SixtyFourT1 => T1 * 64;

    /// <summary>Reads a <c>cluster-sip.tm</c> section; missing keys keep their defaults.</summary>
    /// <exception cref="ConfigurationException">A value is malformed or out of range; the message names the key.</exception>
    public static TmSettings FromConfig(Config? section)
    {
        if (section is null || section.IsEmpty)
        {
            return Default;
        }

        var r = new ConfigReader(section, SectionPath);
        var settings = new TmSettings
        {
            FrTimer = TimeSpan.FromSeconds(r.Int("fr_timer", 30, min: 1)),
            FrInvTimer = TimeSpan.FromSeconds(r.Int("fr_inv_timer", 120, min: 1)),
            WtTimer = TimeSpan.FromSeconds(r.Int("wt_timer", 5, min: 0)),
            DeleteTimer = TimeSpan.FromSeconds(r.Int("delete_timer", 2, min: 1)),
            T1 = TimeSpan.FromMilliseconds(r.Int("T1_timer", 500, min: 1)),
            T2 = TimeSpan.FromMilliseconds(r.Int("T2_timer", 4000, min: 1)),
            T4 = TimeSpan.FromMilliseconds(r.Int("T4_timer", 5000, min: 1)),
            NoisyCTimer = r.Flag("noisy_ctimer", false),
            RestartFrOnEachReply = r.Flag("restart_fr_on_each_reply", true),
            RuriMatching = r.Flag("ruri_matching", true),
            Via1Matching = r.Flag("via1_matching", true),
            UnixTxTimeout = TimeSpan.FromSeconds(r.Int("unix_tx_timeout", 2, min: 1)),
            PassProvisionalReplies = r.Flag("pass_provisional_replies", false),
            SynBranch = r.Flag("syn_branch", true),
            TwAppend = r.String("tw_append"),
            FrTimerAvp = r.String("fr_timer_avp"),
            FrInvTimerAvp = r.String("fr_inv_timer_avp"),
            OnReplyAvpMode = r.Int("onreply_avp_mode", 0, min: 0, max: 1),
        };

        if (settings.T2 < settings.T1)
        {
            throw new ConfigurationException($"{SectionPath}.T2_timer: must not be smaller than T1_timer ({settings.T1.TotalMilliseconds} ms).");
        }

        return settings;
    }
}

/// <summary>Reads typed values from a config section, naming the full key in every error.</summary>
internal readonly struct ConfigReader(Config section, string path)
{
    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!section.HasPath(key))
        {
            return fallback;
        }

        var text = section.GetString(key, string.Empty);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            var range = max == int.MaxValue ? $">= {min}" : $"in [{min}, {max}]";
            throw new ConfigurationException($"{path}.{key}: '{text}' is not an integer {range}.");
        }

        return value;
    }

    public bool Flag(string key, bool fallback)
    {
        if (!section.HasPath(key))
        {
            return fallback;
        }

        var text = section.GetString(key, string.Empty).Trim().ToLowerInvariant();
        return text switch
        {
            "1" or "on" or "true" or "yes" => true,
            "0" or "off" or "false" or "no" => false,
            _ => throw new ConfigurationException($"{path}.{key}: '{text}' is not a flag (0/1, on/off, true/false)."),
        };
    }

    public string String(string key) => section.HasPath(key) ? section.GetString(key, string.Empty) ?? string.Empty : string.Empty;

    public IReadOnlyList<string> StringList(string key) => section.HasPath(key) ? section.GetStringList(key).ToList() : [];

    public ConfigurationException Error(string key, string message) => new($"{path}.{key}: {message}");
}
