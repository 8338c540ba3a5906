namespace ClusterSip.Sip.Presence;

/// <summary>The only exception <see cref="PidfParser"/> raises: the document is not well-formed XML or not valid PIDF.</summary>
public sealed class PidfParseException(string reason, Exception? innerException = null) : Exception(reason, innerException)
{
    public string Reason => Message;
}
