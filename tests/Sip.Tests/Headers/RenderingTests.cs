using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Headers;

/// <summary>URIs and header values render through one reused builder per thread; a render inside another must not disturb it.</summary>
public class RenderingTests
{
    [Fact]
    public void Values_rendered_in_parallel_and_nested_come_out_whole()
    {
        var failures = 0;
        Parallel.For(0, 2_000, i =>
        {
            var uri = new SipUri("h" + i + ".example.com", 5000 + i, user: "u" + i, parameters: new SipParameters([new("lr", null)]));
            var address = new NameAddress(uri, "Name " + i, new SipParameters([new("tag", "t" + i)]));
            var via = new ViaHeader("UDP", "10.0.0." + (i % 250), 5060, new SipParameters([new("branch", "z9hG4bK" + i)]));
            var longHost = new SipUri(new string('x', 300) + ".example.com");

            var ok = address.ToString() == "\"Name " + i + "\" <sip:u" + i + "@h" + i + ".example.com:" + (5000 + i) + ";lr>;tag=t" + i
                && via.ToString() == "SIP/2.0/UDP 10.0.0." + (i % 250) + ":5060;branch=z9hG4bK" + i
                && longHost.ToString() == "sip:" + new string('x', 300) + ".example.com";
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
