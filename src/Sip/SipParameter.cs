namespace ClusterSip.Sip;

/// <summary>One <c>name[=value]</c> parameter, value kept as written (quoted strings keep their quotes).</summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : Name + "=" + Value;
}
