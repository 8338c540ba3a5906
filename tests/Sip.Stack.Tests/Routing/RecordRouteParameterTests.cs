using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>add_rr_param: a module's cookie in the Record-Route this proxy adds, set before or after record_route is called.</summary>
public sealed class RecordRouteParameterTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void A_parameter_added_by_a_hook_before_the_script_records_the_route_is_in_that_route()
    {
        var hook = new CookieHook();
        var layer = StartLayer(Env(new DelegateRouteScript(c =>
        {
            c.RecordRoute();
            c.TRelay();
        }), hooks: [hook]));

        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);

        var invite = ExpectRequest("INVITE", CalleeA);
        var own = Assert.Single(invite.RecordRoutes);
        Assert.Equal("sip:10.0.0.100:5060;lr;did=d-1", own.Uri.ToString());
    }

    [Fact]
    public void Without_a_parameter_the_route_is_the_plain_loose_route()
    {
        var layer = StartLayer(Env(new DelegateRouteScript(c =>
        {
            c.RecordRoute();
            c.TRelay();
        })));

        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);

        Assert.Equal("sip:10.0.0.100:5060;lr", Assert.Single(ExpectRequest("INVITE", CalleeA).RecordRoutes).Uri.ToString());
    }

    private sealed class CookieHook : IRequestHook
    {
        public bool OnRequest(RouteContext context)
        {
            if (context.Request.Method == SipMethods.Invite)
            {
                context.AddRecordRouteParameter("did", "d-1");
            }

            return false;
        }
    }
}
