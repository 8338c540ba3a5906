using Akka.Actor;
using System.Text;
using ClusterSip.Dialogs;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs.Bench;

/// <summary>What the proxy feeds a dialog for one call: created as the request hook creates it, its inputs told to its actor.</summary>
internal static class Calls
{
    public static IActorRef Answer(DialogNode node, int i)
    {
        var callId = InteractionIds.New(node.Address);
        var invite = (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(
            $"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK{i}\r\nMax-Forwards: 70\r\n" +
            $"From: Alice <sip:alice@example.com>;tag=a{i}\r\nTo: <sip:bob@example.com>\r\nCall-ID: {i}-bench@192.0.2.1\r\nCSeq: 1 INVITE\r\n" +
            "Contact: <sip:alice@192.0.2.1:5060>\r\nRecord-Route: <sip:192.0.2.9;lr>\r\nContent-Length: 0\r\n\r\n"));
        var dialog = node.Create(DialogInputReader.Start(invite, callId, node.Name)).Actor;
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(new BranchResponse(1, 180, $"<sip:bob@example.com>;tag=b{i}", $"b{i}", "sip:bob@192.0.2.4:5060", ["<sip:192.0.2.9;lr>"]));
        dialog.Tell(new BranchResponse(1, 200, $"<sip:bob@example.com>;tag=b{i}", $"b{i}", "sip:bob@192.0.2.4:5060", ["<sip:192.0.2.9;lr>"]));
        dialog.Tell(new FinalResponseSent(200));
        return dialog;
    }

    public static void HangUp(IActorRef dialog, int i) =>
        dialog.Tell(new InDialogRequest(SipMethods.Bye, $"a{i}", $"b{i}", 2, null, Sip.Sdp.SdpHoldState.None, null));
}

/// <summary>Route events go nowhere here: the dialogs are measured without a bus.</summary>
internal sealed class NoRouteEvents : IRouteEventPublisher
{
    public void Publish(RouteEvent routeEvent)
    {
    }
}
