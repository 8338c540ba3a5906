using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Inbound bytes that were not delivered: why (null for a well-formed request refused by the pike), and the error
/// response to send back when a reply is possible.
/// </summary>
internal sealed record Rejection(MalformedReason? Reason, SipResponse? Response);
