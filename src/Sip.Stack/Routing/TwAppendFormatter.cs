using System.Globalization;
using System.Text;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// Builds the text t_write_fifo / t_write_unix send: the action (the part of <c>info</c> before '/'), then one line each
/// for method, Request-URI, From, To, Call-ID, From tag, To tag and CSeq number, then the tw_append definition named after
/// the '/' as "name: value" lines, the body (from $rb) last, and a final empty line.
/// </summary>
internal static class TwAppendFormatter
{
    public static string Format(string info, RouteContext context, TwAppendSpec spec)
    {
        var slash = info.IndexOf('/', StringComparison.Ordinal);
        var action = slash < 0 ? info : info[..slash];
        var request = context.Request;
        var sb = new StringBuilder(256)
            .Append(action).Append('\n')
            .Append(request.Method).Append('\n')
            .Append(request.RequestUri).Append('\n')
            .Append(request.From?.Uri).Append('\n')
            .Append(request.To?.Uri).Append('\n')
            .Append(request.CallId).Append('\n')
            .Append(request.FromTag).Append('\n')
            .Append(request.ToTag).Append('\n')
            .Append(request.CSeq?.Number.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var body = false;
        if (slash >= 0)
        {
            foreach (var element in spec.Get(info[(slash + 1)..]))
            {
                if (TwAppendSpec.IsBody(element.Variable))
                {
                    body = true;
                }
                else
                {
                    sb.Append(element.Name).Append(": ").Append(Evaluate(element.Variable, context)).Append('\n');
                }
            }
        }

        if (body)
        {
            sb.Append(Encoding.UTF8.GetString(request.Body.Span));
        }

        return sb.Append('\n').ToString();
    }

    private static string Evaluate(string variable, RouteContext context)
    {
        var request = context.Request;
        return variable switch
        {
            "$ru" => request.RequestUri.ToString(),
            "$fu" => request.From?.Uri.ToString() ?? string.Empty,
            "$tu" => request.To?.Uri.ToString() ?? string.Empty,
            "$ci" => request.CallId ?? string.Empty,
            "$rm" => request.Method,
            "$T_reply_code" => context.TReplyCode.ToString(CultureInfo.InvariantCulture),
            "$T_branch_idx" => context.TBranchIdx.ToString(CultureInfo.InvariantCulture),
            "$Ts" => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ when Inner(variable, "$hdr(", "hdr[") is { } header => request.Headers.Get(header) ?? string.Empty,
            _ => Inner(variable, "$avp(", "avp[") is { } avp && context.Avps.TryGetValue(avp, out var value) ? value : string.Empty,
        };
    }

    private static string? Inner(string variable, string prefix, string oldPrefix) =>
        variable.StartsWith(prefix, StringComparison.Ordinal) ? variable[prefix.Length..^1].Trim()
        : variable.StartsWith(oldPrefix, StringComparison.Ordinal) ? variable[oldPrefix.Length..^1].Trim()
        : null;
}
