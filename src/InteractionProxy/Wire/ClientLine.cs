namespace ClusterSip.InteractionProxy.Wire;

/// <summary>What one line from a client means.</summary>
public abstract record ClientLine;

/// <summary>A valid TPrivateService.</summary>
public sealed record RegistrationLine(Registration Registration) : ClientLine;

/// <summary>A JSON object whose "message" names no request a client may send.</summary>
public sealed record UnknownMessageLine(string Message) : ClientLine;

/// <summary>A line that cannot be understood, with the EventError to answer it.</summary>
public sealed record InvalidLine(int ErrorCode, string Reason) : ClientLine;
