using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Registrar.Push;

/// <summary>
/// Sends push notifications (the seed's <c>rest_post</c> in route SEND_APN): a POST of a <see cref="PushNotification"/>
/// to cluster-sip.push.url on a pool thread, never on the thread that routes. A push that fails or times out is logged;
/// the call goes on with the contacts it has.
/// </summary>
public sealed class PushNotifier(PushSettings settings, HttpClient http, ILogger log)
{
    public void Notify(PushNotification notification)
    {
        if (settings.Url is not { } url)
        {
            return;
        }

        _ = Task.Run(() => Send(url, notification));
    }

    private async Task Send(Uri url, PushNotification notification)
    {
        try
        {
            using var timeout = new CancellationTokenSource(settings.HttpTimeout);
            using var response = await http.PostAsJsonAsync(url, notification, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Push for {Aor} (call {CallId}) to {Url} answered {Status}; the call goes on", notification.Aor, notification.CallId, url, (int)response.StatusCode);
            }
        }
        catch (Exception e) // on a pool thread nobody awaits: whatever failed is logged here or nowhere
        {
            log.LogWarning(e, "Push for {Aor} (call {CallId}) to {Url} failed; the call goes on", notification.Aor, notification.CallId, url);
        }
    }
}
