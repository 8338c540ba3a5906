using System.Text;

namespace ClusterSip.Sip.Sdp;

/// <summary>What an SDP offer says about holding the call.</summary>
public enum SdpHoldState
{
    /// <summary>Not an SDP session description with media: says nothing.</summary>
    None,

    /// <summary>Every stream in use is sendrecv with a real connection address: the call is (again) active.</summary>
    Active,

    /// <summary>A stream in use is sendonly or inactive, or its connection address is 0.0.0.0 (RFC 2543 hold).</summary>
    Held,

    /// <summary>Neither, e.g. recvonly streams.</summary>
    Other,
}

/// <summary>
/// Reads only what decides hold and retrieve from an SDP body (RFC 4566, RFC 3264 section 8.4): per media section its
/// port, direction attribute and connection address, each defaulting to the session level.
/// </summary>
public static class SdpHold
{
    public static SdpHoldState Classify(ReadOnlySpan<byte> body)
    {
        var session = new Section();
        Section? media = null;
        var sawMedia = false;
        var held = false;
        var allActive = true;

        foreach (var raw in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length < 2 || line[1] != '=')
            {
                continue;
            }

            var value = line[2..].Trim();
            switch (line[0])
            {
                case 'm':
                    Judge(media);
                    media = new Section { InUse = !IsPortZero(value) };
                    sawMedia = true;
                    break;
                case 'c':
                    (media ?? session).NullConnection = value.EndsWith(" 0.0.0.0", StringComparison.Ordinal);
                    break;
                case 'a' when value is "sendrecv" or "sendonly" or "recvonly" or "inactive":
                    (media ?? session).Direction = value;
                    break;
            }
        }

        Judge(media);
        return !sawMedia ? SdpHoldState.None : held ? SdpHoldState.Held : allActive ? SdpHoldState.Active : SdpHoldState.Other;

        void Judge(Section? section)
        {
            if (section is not { InUse: true })
            {
                return;
            }

            var direction = section.Direction ?? session.Direction ?? "sendrecv";
            var nullConnection = section.NullConnection ?? session.NullConnection ?? false;
            var streamHeld = nullConnection || direction is "sendonly" or "inactive";
            held |= streamHeld;
            allActive &= !streamHeld && direction == "sendrecv";
        }
    }

    private static bool IsPortZero(string media)
    {
        var fields = media.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && fields[1] == "0";
    }

    private sealed class Section
    {
        public bool InUse { get; init; } = true;

        public string? Direction { get; set; }

        public bool? NullConnection { get; set; }
    }
}
