namespace ClusterSip.Sip.Messages;

/// <summary>One header line: the name as written and the value with line folding replaced by single spaces.</summary>
public readonly record struct SipHeader(string Name, string Value)
{
    public override string ToString() => Name + ": " + Value;
}
