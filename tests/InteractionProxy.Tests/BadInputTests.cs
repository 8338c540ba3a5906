using ClusterSip.InteractionProxy.Tests.Support;
using ClusterSip.InteractionProxy.Wire;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class BadInputTests(ITestOutputHelper output) : ProxyTest(output)
{
    private const string Register = """{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s-bad"}}""";

    protected override ProxySettings Settings => ProxyNode.Settings(s => s with
    {
        MaxLineBytes = 512,
        Secrets = new Dictionary<string, string> { ["guarded"] = "open-sesame" },
    });

    [Theory]
    [InlineData("this is not json", ErrorCodes.NotJson)]
    [InlineData("[1,2,3]", ErrorCodes.NotJson)]
    [InlineData("""{"AttributeExtensions":{}}""", ErrorCodes.MissingKey)]
    [InlineData("""{"message":"TPrivateService"}""", ErrorCodes.MissingKey)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n"}}""", ErrorCodes.MissingKey)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s","SequenceId":"42"}}""", ErrorCodes.BadValue)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s","SequenceId":42}}""", ErrorCodes.BadValue)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s","SequenceId":"000000000000004x"}}""", ErrorCodes.BadValue)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s","InteractionSnapshot":"maybe"}}""", ErrorCodes.BadValue)]
    [InlineData("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"n","SessionId":"s","UdataFilter":["queue"]}}""", ErrorCodes.BadValue)]
    [InlineData("""{"message":"EventACK"}""", ErrorCodes.NotRegistered)]
    public async Task A_bad_line_before_registration_gets_EventError_and_the_connection_stays(string line, int code)
    {
        using var client = await ConnectAsync();
        await client.SendAsync(line);
        var error = await client.ReadAsync();
        Assert.Equal(code, error.ErrorCode());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("ErrorMessage").GetString()));

        await client.SendAsync(Register);
        Assert.Equal("EventACK", (await client.ReadAsync()).Name());
    }

    [Fact]
    public async Task Bad_lines_after_registration_get_EventError_and_the_session_goes_on_numbering_events()
    {
        using var client = await ConnectAsync();
        await client.SendAsync(Register);
        await client.ReadAsync();
        Assert.Equal(1L, (await client.ReadSnapshotAsync()).Single().Sequence());

        await client.SendAsync("""{"message":"TQueryCall"}""");
        Assert.Equal(ErrorCodes.UnknownMessage, (await client.ReadAsync()).ErrorCode());
        await client.SendAsync(Register);
        Assert.Equal(ErrorCodes.AlreadyRegistered, (await client.ReadAsync()).ErrorCode());
        await client.SendAsync("{not json");
        Assert.Equal(ErrorCodes.NotJson, (await client.ReadAsync()).ErrorCode());
        await client.SendAsync(new string('x', 2000));
        Assert.Equal(ErrorCodes.LineTooLong, (await client.ReadAsync()).ErrorCode());

        await PublishAsync(new TestCall("c-after-errors").Initiated());
        var live = await client.ReadAsync();
        Assert.Equal(("EventDialing", 2L), (live.Name(), live.Sequence()));
    }

    [Fact]
    public async Task An_over_long_line_is_skipped_up_to_its_newline_and_the_next_line_is_read()
    {
        using var client = await ConnectAsync();
        await client.SendAsync(new string('{', 600) + "\n" + Register);
        Assert.Equal(ErrorCodes.LineTooLong, (await client.ReadAsync()).ErrorCode());
        Assert.Equal("EventACK", (await client.ReadAsync()).Name());
    }

    [Fact]
    public async Task A_wrong_or_missing_Secret_is_refused_with_EventError_and_the_connection_closes()
    {
        using var stranger = await ConnectAsync();
        await stranger.SendAsync("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"guarded","NodeId":"n","SessionId":"s-x","Secret":"guess"}}""");
        Assert.Equal(ErrorCodes.Refused, (await stranger.ReadAsync()).ErrorCode());
        await stranger.ExpectClosedAsync();

        using var noSecret = await ConnectAsync();
        await noSecret.SendAsync("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"guarded","NodeId":"n","SessionId":"s-y"}}""");
        Assert.Equal(ErrorCodes.Refused, (await noSecret.ReadAsync()).ErrorCode());
        await noSecret.ExpectClosedAsync();

        using var friend = await ConnectAsync();
        var ack = await friend.RegisterAsync("guarded", "n", "s-z", r => r with { Secret = "open-sesame" });
        Assert.Equal("reset", ack.Status());
    }
}
