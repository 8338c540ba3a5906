using BenchmarkDotNet.Attributes;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Benchmarks;

[MemoryDiagnoser]
public class SerializeBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private SipMessage _invite = null!;
    private SipMessage _ok = null!;
    private SipMessage _changedInvite = null!;
    private ViaHeader _proxyVia = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = SipParser.Parse(Messages.Invite);
        _ok = SipParser.Parse(Messages.Ok);
        _proxyVia = ViaHeader.Parse("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKproxy1");
        _changedInvite = SipParser.Parse(Messages.Invite);
        _changedInvite.ApplyReceivedInfo("198.51.100.7", 40123);
    }

    [Benchmark]
    public int SerializeUnchangedInvite() => _invite.WriteTo(_buffer);

    [Benchmark]
    public int SerializeUnchanged200Ok() => _ok.WriteTo(_buffer);

    [Benchmark]
    public byte[] ToBytesUnchangedInvite() => _invite.ToBytes();

    /// <summary>Serializing a parsed INVITE whose top Via was rewritten: unchanged lines copied, that one re-encoded.</summary>
    [Benchmark]
    public int SerializeChangedTopVia() => _changedInvite.WriteTo(_buffer);

    /// <summary>Parse, rewrite the top Via (received/rport, as a transport does), serialize.</summary>
    [Benchmark]
    public int ChangeTopViaAndSerialize()
    {
        var m = SipParser.Parse(Messages.Invite);
        m.ApplyReceivedInfo("198.51.100.7", 40123);
        return m.WriteTo(_buffer);
    }

    /// <summary>Parse, push a proxy Via, serialize.</summary>
    [Benchmark]
    public int PushViaAndSerialize()
    {
        var m = SipParser.Parse(Messages.Invite);
        m.PushVia(_proxyVia);
        return m.WriteTo(_buffer);
    }
}
