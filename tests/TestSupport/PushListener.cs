using System.Net;
using System.Text.Json;
using System.Threading.Channels;

namespace ClusterSip.Tests.Support;

/// <summary>A push service on 127.0.0.1: records the JSON body of every POST and answers it with <see cref="Status"/>.</summary>
public sealed class PushListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<JsonElement> _pushes = Channel.CreateUnbounded<JsonElement>();

    public PushListener()
    {
        Url = $"http://127.0.0.1:{FreePorts.Next()}/push/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Serve();
    }

    public string Url { get; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>How long each answer is held back (a slow push service).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The next push received, within 30 s.</summary>
    public async Task<JsonElement> Next()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _pushes.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _listener.Close();

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // closed by Dispose
            }

            using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
            {
                _pushes.Writer.TryWrite(body.RootElement.Clone());
            }

            await Task.Delay(Delay);
            context.Response.StatusCode = (int)Status;
            try
            {
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // the node gave up waiting and closed the connection: what a slow push service sees
            }
        }
    }
}
