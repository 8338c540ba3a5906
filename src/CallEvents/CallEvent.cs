using System.Text.Json.Serialization;

namespace ClusterSip.CallEvents;

/// <summary>
/// One step of a call, emitted exactly once by the call's dialog (docs/call-events.md). Every event carries the
/// call's identity and parties so that a consumer needs no earlier event to show it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CallInitiated), nameof(CallInitiated))]
[JsonDerivedType(typeof(CallForked), nameof(CallForked))]
[JsonDerivedType(typeof(CallRinging), nameof(CallRinging))]
[JsonDerivedType(typeof(CallAnswered), nameof(CallAnswered))]
[JsonDerivedType(typeof(CallHeld), nameof(CallHeld))]
[JsonDerivedType(typeof(CallRetrieved), nameof(CallRetrieved))]
[JsonDerivedType(typeof(CallTransferred), nameof(CallTransferred))]
[JsonDerivedType(typeof(CallReleased), nameof(CallReleased))]
[JsonDerivedType(typeof(CallFailed), nameof(CallFailed))]
[JsonDerivedType(typeof(UserDataChanged), nameof(UserDataChanged))]
public abstract record CallEvent
{
    /// <summary>The interaction id: stable for the call's whole life and unique in the cluster.</summary>
    public required string CallId { get; init; }

    /// <summary>The SIP Call-ID of the initial INVITE.</summary>
    public required string SipCallId { get; init; }

    /// <summary>Per call, starting at 1, one more for each event.</summary>
    public required long Sequence { get; init; }

    /// <summary>The host of the initial INVITE's To URI, lower case.</summary>
    public required string Domain { get; init; }

    public required CallParty From { get; init; }

    public required CallParty To { get; init; }

    /// <summary>The Akka address of the node that serves the call's dialog (system@host:port).</summary>
    public required string Node { get; init; }

    /// <summary>When the step happened, UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The call's user data after this step (set from the route script).</summary>
    public IReadOnlyDictionary<string, string> UserData
    {
        get => _userData;
        init => _userData = value ?? EmptyUserData;
    }

    /// <summary>The event's name on the wire and in the docs.</summary>
    [JsonIgnore]
    public string Type => GetType().Name;

    public static IReadOnlyDictionary<string, string> EmptyUserData { get; } = new Dictionary<string, string>();

    private readonly IReadOnlyDictionary<string, string> _userData = EmptyUserData;
}
