namespace HumanoidRl.Hardware.Tests.Dynamixel.Protocol;

/// <summary>Every packet documented in /work/shared/reference/dynamixel-protocol2.md ("Test vectors").</summary>
internal static class ReferenceVectors
{
    public static byte[] PingId1 { get; } = Hex("FF FF FD 00 01 03 00 01 19 4E");
    public static byte[] PingId1Reply { get; } = Hex("FF FF FD 00 01 07 00 55 00 06 04 26 65 5D");
    public static byte[] BroadcastPing { get; } = Hex("FF FF FD 00 FE 03 00 01 31 42");
    public static byte[] SyncReadPresentPositionIds1And2 { get; } = Hex("FF FF FD 00 FE 09 00 82 84 00 04 00 01 02 CE FA");
    public static byte[] SyncReadReplyId1Value166 { get; } = Hex("FF FF FD 00 01 08 00 55 00 A6 00 00 00 8C C0");
    public static byte[] SyncWriteGoalPosition150And170 { get; } =
        Hex("FF FF FD 00 FE 11 00 83 74 00 04 00 01 96 00 00 00 02 AA 00 00 00 82 87");
    public static byte[] FastSyncReadIds3_7_4 { get; } = Hex("FF FF FD 00 FE 0A 00 8A 84 00 04 00 03 07 04 20 F2");

    public static TheoryData<string> AllPackets => new()
    {
        "FF FF FD 00 01 03 00 01 19 4E",
        "FF FF FD 00 01 07 00 55 00 06 04 26 65 5D",
        "FF FF FD 00 FE 03 00 01 31 42",
        "FF FF FD 00 FE 09 00 82 84 00 04 00 01 02 CE FA",
        "FF FF FD 00 01 08 00 55 00 A6 00 00 00 8C C0",
        "FF FF FD 00 FE 11 00 83 74 00 04 00 01 96 00 00 00 02 AA 00 00 00 82 87",
        "FF FF FD 00 FE 0A 00 8A 84 00 04 00 03 07 04 20 F2",
    };

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));
}
