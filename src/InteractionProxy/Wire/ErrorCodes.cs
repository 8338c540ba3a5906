namespace ClusterSip.InteractionProxy.Wire;

/// <summary>The ErrorCode values of EventError (docs/iproxy-protocol.md).</summary>
public static class ErrorCodes
{
    public const int NotJson = 1;
    public const int MissingKey = 2;
    public const int BadValue = 3;
    public const int UnknownMessage = 4;
    public const int LineTooLong = 5;
    public const int NotRegistered = 6;
    public const int AlreadyRegistered = 7;
    public const int Refused = 8;
    public const int TakenOver = 9;
}
