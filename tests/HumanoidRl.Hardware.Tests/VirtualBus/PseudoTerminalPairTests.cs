using HumanoidRl.Hardware.VirtualBus;

namespace HumanoidRl.Hardware.Tests.VirtualBus;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PseudoTerminalPairTests
{
    [Fact]
    public void Link_path_points_at_the_device_side_while_open_and_is_removed_on_dispose()
    {
        var link = Path.Combine(Path.GetTempPath(), $"humanoid-rl-test-{Guid.NewGuid():N}");
        using (var terminal = PseudoTerminalPair.Open(link))
        {
            Assert.Equal(terminal.DevicePath, new FileInfo(link).LinkTarget);
            Assert.Equal(link, terminal.PortPath);
            Assert.StartsWith("/dev/pts/", terminal.DevicePath, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
    }

    [Fact]
    public void Bytes_written_on_the_device_side_arrive_unchanged_on_the_controller_side()
    {
        using var terminal = PseudoTerminalPair.Open();
        using var device = new FileStream(terminal.DevicePath, FileMode.Open, FileAccess.ReadWrite);
        byte[] raw = [0xFF, 0xFF, 0xFD, 0x00, 0x0A, 0x0D, 0x03, 0x11, 0x13, 0x7F];

        device.Write(raw);
        device.Flush();
        var received = new byte[32];
        var count = 0;
        while (count < raw.Length)
        {
            var read = terminal.Read(received.AsSpan(count), 2000);
            Assert.True(read > 0, "no bytes within 2 s");
            count += read;
        }

        Assert.Equal(raw, received[..count]);
    }
}
