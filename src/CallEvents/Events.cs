namespace ClusterSip.CallEvents;

/// <summary>The initial INVITE was accepted for routing.</summary>
public sealed record CallInitiated : CallEvent
{
}

/// <summary>A branch was added: the INVITE was relayed to <see cref="Target"/>.</summary>
public sealed record CallForked : CallEvent
{
    /// <summary>Identifies the branch within the call (the same id in CallRinging and CallAnswered).</summary>
    public required string BranchId { get; init; }

    /// <summary>The Request-URI the branch was sent to.</summary>
    public required string Target { get; init; }
}

/// <summary>The first 180 or 183 of a branch.</summary>
public sealed record CallRinging : CallEvent
{
    public required string BranchId { get; init; }

    public required int StatusCode { get; init; }
}

/// <summary>A 2xx to the initial INVITE: the call is established with <see cref="BranchId"/>.</summary>
public sealed record CallAnswered : CallEvent
{
    public required string BranchId { get; init; }

    /// <summary>The answering party's Contact URI.</summary>
    public required string AnsweredBy { get; init; }
}

/// <summary>A re-INVITE or UPDATE put the call on hold (a=sendonly, a=inactive or c=IN IP4 0.0.0.0).</summary>
public sealed record CallHeld : CallEvent
{
    public required PartyRole By { get; init; }
}

/// <summary>The next re-INVITE or UPDATE with sendrecv after a hold.</summary>
public sealed record CallRetrieved : CallEvent
{
    public required PartyRole By { get; init; }
}

/// <summary>How a transfer was signalled.</summary>
public enum TransferMethod
{
    Refer,
    Replaces,
}

/// <summary>A REFER (its Refer-To) or an INVITE with Replaces naming this call.</summary>
public sealed record CallTransferred : CallEvent
{
    public required PartyRole By { get; init; }

    public required TransferMethod Method { get; init; }

    /// <summary>The Refer-To URI, or the Request-URI of the replacing INVITE.</summary>
    public required string Target { get; init; }
}

/// <summary>An established call ended.</summary>
public sealed record CallReleased : CallEvent
{
    public required PartyRole By { get; init; }

    /// <summary>The SIP status that ended it: 200 for a BYE, otherwise the code the system used.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Why: "bye", "timeout" (dialog lifetime), "admin" (ended through the API), or the system's cause.</summary>
    public required string Reason { get; init; }
}

/// <summary>A call ended before it was answered.</summary>
public sealed record CallFailed : CallEvent
{
    /// <summary>The final SIP status the caller got (487 when cancelled, 408 on timeout).</summary>
    public required int StatusCode { get; init; }

    /// <summary>One of <see cref="FailureCauses"/>.</summary>
    public required string Cause { get; init; }
}

/// <summary>The route script changed the call's user data; <see cref="CallEvent.UserData"/> holds the result.</summary>
public sealed record UserDataChanged : CallEvent
{
    /// <summary>The keys set or removed by this change.</summary>
    public required IReadOnlyList<string> ChangedKeys { get; init; }
}
