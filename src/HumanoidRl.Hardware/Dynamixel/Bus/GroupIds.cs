using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>Validation shared by the group operations.</summary>
internal static class GroupIds
{
    internal static byte[] Validate(ReadOnlySpan<byte> ids, string group)
    {
        if (ids.IsEmpty) throw new ArgumentException($"{group} needs at least one device ID", nameof(ids));
        Span<bool> seen = stackalloc bool[PacketLayout.MaxDeviceId + 1];
        foreach (var id in ids)
        {
            if (!PacketLayout.IsValidDeviceId(id))
            {
                throw new ArgumentException($"{group}: device ID {id} is outside 0..{PacketLayout.MaxDeviceId}", nameof(ids));
            }
            if (seen[id]) throw new ArgumentException($"{group}: device ID {id} is listed twice", nameof(ids));
            seen[id] = true;
        }
        return ids.ToArray();
    }

    internal static void CheckLength(int lengthBytes, string group)
    {
        if (lengthBytes is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthBytes), lengthBytes, $"{group}: data length must be 1..1024 bytes");
        }
    }
}
