using System.Security.Cryptography;
using System.Text;

namespace ClusterSip.Node.Management;

/// <summary>
/// With a token configured, every request except the health routes must carry
/// "Authorization: Bearer &lt;token&gt;"; any other request gets 401 and an empty body.
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"Bearer {token}");

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(HealthEndpoints.Alive, StringComparison.Ordinal) || path.Equals(HealthEndpoints.Ready, StringComparison.Ordinal) || IsAuthorized(context.Request))
            return next(context);

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers.Authorization.ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
    }
}
