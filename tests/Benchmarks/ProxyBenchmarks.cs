using BenchmarkDotNet.Attributes;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Benchmarks;

/// <summary>What a stateful proxy does to an INVITE it forwards on one branch (RFC 3261 16.6).</summary>
[MemoryDiagnoser]
public class ProxyBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private readonly ViaHeader _proxyVia = ViaHeader.Parse("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKproxy1");
    private readonly NameAddress _recordRoute = new(SipUri.Parse("sip:192.0.2.10:5060;lr"));
    private readonly SipUri _target = SipUri.Parse("sip:bob@192.0.2.202:5060");

    /// <summary>Parse, apply received/rport, copy for the branch, retarget, Max-Forwards, Record-Route, copy for the attempt, Via, serialize.</summary>
    [Benchmark]
    public int ForwardInvite()
    {
        var received = (SipRequest)SipParser.Parse(Messages.Invite);
        received.ApplyReceivedInfo("198.51.100.7", 40123);
        var branch = received.Clone();
        branch.RequestUri = _target;
        branch.DecrementMaxForwards();
        branch.AddRecordRoute(_recordRoute);
        var attempt = branch.Clone();
        attempt.PushVia(_proxyVia);
        return attempt.WriteTo(_buffer);
    }
}
