using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;
using FsCheck.Xunit;

namespace ClusterSip.Sip.Tests.Properties;

public class RoundTripProperties
{
    [Property(Arbitrary = [typeof(SipGenerators)], MaxTest = 300)]
    public void Parsed_values_match_what_was_written_and_bytes_round_trip(MessageModel model)
    {
        var bytes = model.Render();

        var m = Assert.IsType<SipRequest>(SipParser.Parse(bytes));

        AssertMatches(model, m);
        Assert.Equal(bytes, m.ToBytes());
        AssertMatches(model, Assert.IsType<SipRequest>(SipParser.Parse(m.ToBytes())));
    }

    [Property(Arbitrary = [typeof(SipGenerators)], MaxTest = 300)]
    public void Changed_messages_reserialize_with_the_right_content_length(MessageModel model)
    {
        var m = Assert.IsType<SipRequest>(SipParser.Parse(model.Render()));

        m.ApplyReceivedInfo("198.51.100.9", 4242);
        m.PushVia(new ViaHeader("TCP", "proxy.example.com", 5060, new SipParameters([new("branch", "z9hG4bKpushed")])));
        m.Headers.Add("X-Added", "yes");
        m.Body = model.Body.Reverse().ToArray();
        var reparsed = Assert.IsType<SipRequest>(SipParser.Parse(m.ToBytes()));

        Assert.Equal(model.Body.Reverse(), reparsed.Body.ToArray());
        Assert.Equal(model.Body.Length, reparsed.ContentLength);
        Assert.Equal("z9hG4bKpushed", reparsed.TopVia!.Branch);
        Assert.Equal(model.Vias[0].Branch, reparsed.Vias[1].Branch);
        Assert.Equal("198.51.100.9", reparsed.Vias[1].Received);
        Assert.Equal(model.Vias[0].Rport ? 4242 : null, reparsed.Vias[1].Rport);
        Assert.Equal(model.Vias.Count + 1, reparsed.Vias.Count);
        Assert.Equal("yes", reparsed.Headers.Get("X-Added"));
        Assert.Equal(model.CallId, reparsed.CallId);
        Assert.Equal(model.FromTag, reparsed.From!.Tag);
        Assert.Equal(m.GetByteCount(), m.ToBytes().Length);
    }

    private static void AssertMatches(MessageModel model, SipRequest m)
    {
        Assert.Equal(model.Method, m.Method);
        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal(Unescape(model.RequestUser), ruri.User);
        Assert.Equal(model.RequestHost, ruri.Host);
        Assert.Equal(model.RequestPort, ruri.Port);
        Assert.Equal(
            model.Vias.Select(v => (v.Transport, v.Host, v.Port, v.Branch, v.Rport)),
            m.Vias.Select(v => (v.Transport, v.Host, v.Port, v.Branch!, v.HasRport)));
        Assert.Equal(model.FromDisplay, m.From!.DisplayName);
        Assert.Equal(Unescape(model.FromUser), Assert.IsType<SipUri>(m.From.Uri).User);
        Assert.Equal(model.FromHost, Assert.IsType<SipUri>(m.From.Uri).Host);
        Assert.Equal(model.FromTag, m.From.Tag);
        Assert.Equal(SipUri.Parse("sip:" + model.ToUser + "@" + model.ToHost), m.To!.Uri);
        Assert.Equal(model.CallId, m.CallId);
        Assert.Equal(new CSeqHeader(model.CSeq, model.Method), m.CSeq);
        Assert.Equal(model.MaxForwards, m.MaxForwards);
        foreach (var (name, value) in model.Extra)
        {
            Assert.Contains(value, m.Headers.GetAll(name));
        }

        Assert.Equal(model.Body, m.Body.ToArray());
    }

    private static string Unescape(string user) => user.Replace("%20", " ", StringComparison.Ordinal);
}
