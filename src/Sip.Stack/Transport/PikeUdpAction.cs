namespace ClusterSip.Sip.Stack.Transport;

/// <summary>What a blocked source's UDP requests get.</summary>
public enum PikeUdpAction
{
    /// <summary>Dropped unparsed: a flood costs the least, and a spoofed source gets nothing reflected to it.</summary>
    Drop,

    /// <summary>Answered 503 with Retry-After, as stream requests are.</summary>
    Reply,
}
