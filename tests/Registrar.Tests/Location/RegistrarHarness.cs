using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Registrar.Tests.Location;

/// <summary>The registrar as a UA meets it, without actors: one address-of-record's bindings, REGISTERs in, responses out.</summary>
public sealed class RegistrarHarness(RegistrarPolicy? policy = null)
{
    public static readonly RegistrarPolicy DefaultPolicy = new(["example.com"], MinExpires: 60, MaxExpires: 3600, DefaultExpires: 3600, MaxContacts: 0);

    public RegistrarPolicy Policy { get; } = policy ?? DefaultPolicy;

    public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    public Binding[] Bindings { get; private set; } = [];

    public RegisterOutcome? LastOutcome { get; private set; }

    public SipResponse Send(SipRequest request)
    {
        var (command, rejection) = RegisterReader.Read(request, Policy, "udp:192.0.2.10:5060", "node-a");
        var outcome = rejection ?? BindingRules.Apply(Bindings, command!, Policy, Now);
        if (outcome.Accepted)
        {
            Bindings = outcome.Bindings;
        }

        LastOutcome = outcome;
        return RegisterResponse.Build(request, outcome, Now);
    }

    public SipResponse Register(string contact, uint cseq, string callId = "reg-1", string aor = "sip:alice@example.com", params string[] lines) =>
        Send(Requests.Register(aor, callId, cseq, [$"Contact: {contact}", .. lines]));
}
