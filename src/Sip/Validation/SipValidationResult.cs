using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Validation;

/// <summary>The response an element must send for a request, or <see cref="Valid"/>.</summary>
public sealed record SipValidationResult(int StatusCode, string Reason, IReadOnlyList<string> Unsupported)
{
    public static readonly SipValidationResult Valid = new(0, string.Empty, []);

    public bool IsValid => StatusCode == 0;

    internal static SipValidationResult Reject(int statusCode, string reason) => new(statusCode, reason, []);

    /// <summary>The response to send (with Unsupported for a 420, RFC 3261 8.2.2.3).</summary>
    /// <exception cref="InvalidOperationException">The request is valid.</exception>
    public SipResponse CreateResponse(SipRequest request)
    {
        if (IsValid)
        {
            throw new InvalidOperationException("A valid request needs no error response.");
        }

        var response = SipResponse.CreateFor(request, StatusCode);
        if (Unsupported.Count > 0)
        {
            response.Headers.Add(HeaderNames.Unsupported, string.Join(", ", Unsupported));
        }

        return response;
    }
}
