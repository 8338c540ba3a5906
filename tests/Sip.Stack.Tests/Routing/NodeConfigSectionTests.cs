using Akka.Configuration;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>The section handed to the lead for hocon/node.conf parses to the documented defaults.</summary>
public sealed class NodeConfigSectionTests
{
    public const string Section = """
        cluster-sip {
          # Transaction layer: the parameters of the SER/Kamailio tm module, same key names and defaults.
          tm {
            # Seconds a branch may go without any reply before it ends with a local 408 (the failure route runs).
            fr_timer = 30
            # Seconds an INVITE branch may ring (after its first provisional reply) without a final reply.
            fr_inv_timer = 120
            # Seconds a finished transaction stays to absorb late retransmissions (and late CANCELs of timed-out branches).
            wt_timer = 5
            # Seconds between retries to delete a finished transaction whose branches still run their timers.
            delete_timer = 2
            # RFC 3261 T1 in milliseconds: first retransmission interval; 64*T1 = Timers B, F, H, J.
            T1_timer = 500
            # RFC 3261 T2 in milliseconds: maximum retransmission interval (non-INVITE requests, INVITE responses).
            T2_timer = 4000
            # RFC 3261 T4 in milliseconds: how long the network may hold a message (Timers I and K).
            T4_timer = 5000
            # 1 = on an fr timeout of a ringing INVITE branch send CANCEL; 0 = drop it silently unless the call was forked.
            noisy_ctimer = 0
            # 1 = restart fr_inv_timer on every provisional reply; 0 = count from the first one.
            restart_fr_on_each_reply = 1
            # RFC 2543 (no z9hG4bK branch) transaction matching: compare the Request-URI (1) or not (0).
            ruri_matching = 1
            # RFC 2543 transaction matching: compare the top Via (1) or not (0).
            via1_matching = 1
            # Seconds t_write_unix may take to send.
            unix_tx_timeout = 2
            # 1 = locally generated (UAC) transactions also pass provisional replies to their owner.
            pass_provisional_replies = 0
            # 1 = branch ids derived from the transaction (cheap "synonym" branches); 0 = a random id per branch.
            syn_branch = 1
            # Extra lines for t_write_fifo/t_write_unix: "name:element(;element)*", several separated by "|",
            # element = [label=]pseudo-variable ($hdr(Name), $avp(name), $rb, $ru, $fu, $tu, $ci, $rm, $Ts, $T_reply_code, $T_branch_idx).
            tw_append = ""
            # Name of the transaction AVP (seconds) that overrides fr_timer; "" = off.
            fr_timer_avp = ""
            # Name of the transaction AVP (seconds) that overrides fr_inv_timer; "" = off.
            fr_inv_timer_avp = ""
            # 0 = reply routes get an empty AVP list of their own; 1 = they see and change the transaction's AVPs.
            onreply_avp_mode = 0
          }

          # The default route script (used when script = ""): static routes by Request-URI domain.
          routing {
            # Requests for a domain go to its first destination, then fail over in order on 5xx or a timeout without reply.
            # Example: routes = [ { domain = "example.com", destinations = ["sip:10.0.0.1:5060", "sip:10.0.0.2:5060;transport=tcp"] } ]
            routes = []
            # Destinations for domains no route names; empty = answer 404.
            default-destinations = []
            # Where an INVITE goes after ringing fr_inv_timer seconds unanswered (e.g. "sip:voicemail@10.0.0.9"); "" = nowhere (408).
            no-answer-uri = ""
            # Record-Route dialog-creating requests (INVITE, SUBSCRIBE, REFER) so in-dialog requests come through this node.
            record-route = on
            # Assembly-qualified name of a custom IRouteScript class (constructor taking RoutingSettings, or none); "" = default script.
            script = ""
          }
        }
        """;

    [Fact]
    public void The_section_parses_to_the_defaults()
    {
        var config = ConfigurationFactory.ParseString(Section);
        Assert.Equal(TmSettings.Default, TmSettings.FromConfig(config.GetConfig(TmSettings.SectionPath)));
        var routing = RoutingSettings.FromConfig(config.GetConfig(RoutingSettings.SectionPath));
        Assert.Empty(routing.Routes);
        Assert.Empty(routing.DefaultDestinations);
        Assert.Null(routing.NoAnswerUri);
        Assert.True(routing.RecordRoute);
        Assert.IsType<StaticRouteScript>(RouteScripts.Create(routing));
    }
}
