using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Tests.Headers;

/// <summary>A parsed Via reads branch, received, rport, maddr and ttl from its text; they must agree with its parameter list.</summary>
public class ViaHeaderParameterTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP h:5060;Branch=z9hG4bKa;rport;received=1.2.3.4;ttl=3;maddr=m;branch=second")]
    [InlineData("SIP/2.0/UDP h ; rport=5062 ; branch=z9hG4bK.x ; received=2001:db8::1")]
    [InlineData("SIP/2.0/TCP [2001:db8::2]:5070")]
    [InlineData("SIP/2.0/UDP h;branch=z9hG4bK;RPORT=7;TTL=9")]
    public void Parameters_read_from_the_text_agree_with_the_list(string text)
    {
        var lazy = ViaHeader.Parse(text);
        var eager = ViaHeader.Parse(text);
        var list = eager.Parameters;

        Assert.Equal(list["branch"], lazy.Branch);
        Assert.Equal(list["branch"], lazy.Branch);
        Assert.Equal(list["received"], lazy.Received);
        Assert.Equal(list["maddr"], lazy.Maddr);
        Assert.Equal(list.Contains("rport"), lazy.HasRport);
        Assert.Equal(eager.Rport, lazy.Rport);
        Assert.Equal(eager.Ttl, lazy.Ttl);
        Assert.Equal(eager.HasRfc3261Branch, lazy.HasRfc3261Branch);
        Assert.Equal(text.Replace(" ; ", ";", StringComparison.Ordinal).Replace(" ;", ";", StringComparison.Ordinal), lazy.ToString());
    }

    [Fact]
    public void Values_are_those_written_first_and_absent_ones_are_null()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP h:5060;Branch=z9hG4bKa;rport;received=1.2.3.4;ttl=3;maddr=m;branch=second");

        Assert.Equal("z9hG4bKa", via.Branch);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
        Assert.Equal("1.2.3.4", via.Received);
        Assert.Equal(3, via.Ttl);
        Assert.Equal("m", via.Maddr);
        Assert.Null(ViaHeader.Parse("SIP/2.0/UDP h").Branch);
        Assert.False(ViaHeader.Parse("SIP/2.0/UDP h;received=1.2.3.4").HasRport);
    }

    [Fact]
    public void The_top_via_of_a_received_message_reflects_what_the_transport_added()
    {
        var m = SipParser.Parse(
            "OPTIONS sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP a.example;rport;branch=z9hG4bK1, SIP/2.0/UDP c;branch=z9hG4bK0\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal("z9hG4bK1", m.TopVia!.Branch);

        m.ApplyReceivedInfo("192.0.2.1", 5099);

        Assert.Equal("z9hG4bK1", m.TopVia!.Branch);
        Assert.Equal(5099, m.TopVia.Rport);
        Assert.Equal("192.0.2.1", m.TopVia.Received);
        Assert.Equal(["z9hG4bK1", "z9hG4bK0"], m.Vias.Select(v => v.Branch));
    }
}
