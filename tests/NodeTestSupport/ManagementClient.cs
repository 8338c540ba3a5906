using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSip.Node.Management;

namespace ClusterSip.Tests.Support;

/// <summary>A client of one node's management API.</summary>
public sealed class ManagementClient(Uri baseAddress, string? token = null) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = Create(baseAddress, token);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<MembersResponse> MembersAsync() => await GetJsonAsync<MembersResponse>("/cluster/members");

    public async Task<T> GetJsonAsync<T>(string path)
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _http.PostAsJsonAsync(path, body, Json);

    public Task<HttpResponseMessage> PutJsonAsync(string path, object body) => _http.PutAsJsonAsync(path, body, Json);

    public Task<HttpResponseMessage> DeleteAsync(string path) => _http.DeleteAsync(path);

    public async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Waits (bounded, as <see cref="Eventually"/> does) until <c>/health/ready</c> answers 200.</summary>
    public Task WaitUntilReadyAsync() =>
        Eventually.Value(() => StatusOfAsync("/health/ready"), s => s == HttpStatusCode.OK, "the node becoming ready");

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseAddress, string? token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
