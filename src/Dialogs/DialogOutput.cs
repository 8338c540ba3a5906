using ClusterSip.CallEvents;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Dialogs;

/// <summary>What a dialog did with one input: the call events it emitted, in order, and the requests it sends (BYEs).</summary>
public sealed record DialogOutput(IReadOnlyList<CallEvent> Events, IReadOnlyList<SipRequest> Requests)
{
    public static readonly DialogOutput None = new([], []);
}
