using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ClusterSip.CallEvents;

namespace ClusterSip.IproxyBench;

/// <summary>
/// Subscribed to CallEventTopics.Accepted like the proxy's client clusters: how long after its Time each CallRinging
/// was published, that is, the callstore's share of the way from the dialog to a client.
/// </summary>
public sealed class AcceptedTimes : ReceiveActor
{
    public AcceptedTimes(List<double> latencies)
    {
        Receive<SubscribeAck>(_ => { });
        Receive<AcceptedCallEvent>(accepted =>
        {
            if (accepted.Event is not CallRinging ringing) return;
            var after = (DateTimeOffset.UtcNow - ringing.Time).TotalMilliseconds;
            lock (latencies) latencies.Add(after);
        });
    }
}
