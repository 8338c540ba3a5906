using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>Method names of RFC 3261 and its extensions. Methods are case-sensitive (RFC 3261 7.1).</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Prack = "PRACK";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Publish = "PUBLISH";
    public const string Info = "INFO";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Update = "UPDATE";

    // An array, not the interface: enumerating an IReadOnlyList allocates, and every parse interns its method.
    // Declared before All, which it initializes.
    private static readonly string[] Known =
        [Invite, Ack, Bye, Cancel, Options, Register, Prack, Subscribe, Notify, Publish, Info, Refer, Message, Update];

    /// <summary>The methods above, in the order listed.</summary>
    public static readonly IReadOnlyList<string> All = Array.AsReadOnly(Known);

    /// <summary>Returns the shared string for known methods so that parsing them does not allocate.</summary>
    internal static string Intern(ReadOnlySpan<byte> method)
    {
        foreach (var known in Known)
        {
            if (method.Length == known.Length && Matches(method, known))
            {
                return known;
            }
        }

        return Lex.Ascii(method);
    }

    private static bool Matches(ReadOnlySpan<byte> s, string known)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != known[i])
            {
                return false;
            }
        }

        return true;
    }
}
