using ClusterSip.Sip.Framing;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Validation;
using FsCheck.Xunit;

namespace ClusterSip.Sip.Tests.Properties;

/// <summary>
/// Mutated real messages never make the parser, the typed accessors, the validator or the framer throw anything but
/// <see cref="SipParseException"/> (and never an internal error wrapped in one). A hang would fail the run.
/// </summary>
public class RobustnessProperties
{
    [Property(Arbitrary = [typeof(FuzzGenerators)], MaxTest = 2000)]
    public void Mutated_messages_only_ever_raise_parse_exceptions(MutatedMessage mutated)
    {
        var bytes = mutated.Bytes();

        SipMessage message;
        try
        {
            message = SipParser.Parse(bytes);
        }
        catch (SipParseException e)
        {
            Assert.Null(e.InnerException);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            if (e.CanReply)
            {
                Assert.True(e.CreateErrorResponse()!.ToBytes().Length > 0);
            }

            return;
        }

        Assert.Equal(message.ToBytes(), SipParser.Parse(message.ToBytes()).ToBytes());
        TouchEverything(message);
        if (message is SipRequest request)
        {
            var result = SipRequestValidator.Validate(request, new SipValidationOptions { Role = ElementRole.Proxy });
            Assert.True(result.IsValid || result.StatusCode >= 400);
        }
    }

    [Property(Arbitrary = [typeof(FuzzGenerators)], MaxTest = 1000)]
    public void Framing_mutated_streams_never_throws_and_always_progresses(MutatedMessage mutated)
    {
        var bytes = mutated.Bytes();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var frame = SipFraming.Frame(bytes.AsSpan(offset), 8192);
            if (frame.Kind is FrameKind.Incomplete or FrameKind.Error or FrameKind.TooLarge)
            {
                Assert.True(frame.Kind == FrameKind.Incomplete || frame.Error is not null);
                break;
            }

            Assert.True(frame.Length > 0);
            offset += frame.Length;
        }
    }

    private static void TouchEverything(SipMessage m)
    {
        Attempt(() => m.Vias);
        Attempt(() => m.TopVia);
        Attempt(() => m.From);
        Attempt(() => m.To);
        Attempt(() => m.CallId);
        Attempt(() => m.CSeq);
        Attempt(() => m.MaxForwards);
        Attempt(() => m.Contacts);
        Attempt(() => m.Routes);
        Attempt(() => m.RecordRoutes);
        Attempt(() => m.Expires);
        Attempt(() => m.ContentType);
        Attempt(() => m.ContentLength);
        Attempt(() => m.Event);
        Attempt(() => m.SubscriptionState);
        Attempt(() => m.AllowEvents);
        Attempt(() => m.Supported);
        Attempt(() => m.Require);
        Attempt(() => m.ProxyRequire);
        Attempt(() => m.Authorizations);
        Attempt(() => m.WwwAuthenticates);
        Attempt(() => m.Headers.Select(h => h.Value).ToList());
        Attempt(() => m is SipRequest r ? r.RequestUri.ToString() : ((SipResponse)m).ReasonPhrase);
        Attempt(() => m.ApplyReceivedInfo("192.0.2.1", 5060));
        Attempt(() => m.PopVia());
        Attempt(() => m is SipRequest r ? SipResponse.CreateFor(r, 400).ToBytes() : []);
        Attempt(() => m.ToBytes());
    }

    private static void Attempt(Func<object?> read)
    {
        try
        {
            read();
        }
        catch (SipParseException e)
        {
            Assert.Null(e.InnerException);
        }
        catch (InvalidOperationException)
        {
            // Documented for helpers on a message that lacks the header they edit (no Via to pop or update).
        }
    }
}
