
namespace HumanoidRl.Hardware.Virtual.Tests;

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
    public void A_link_path_in_a_missing_folder_fails_naming_the_link()
    {
        var link = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "ttyHRL-leg_left");

        var error = Assert.Throws<IOException>(() => PseudoTerminalPair.Open(link));

        Assert.Contains($"cannot create the link '{link}' -> /dev/pts/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_path_that_is_a_regular_file_is_not_replaced()
    {
        var path = Path.Combine(Path.GetTempPath(), $"humanoid-rl-test-{Guid.NewGuid():N}");
        File.WriteAllText(path, "keep me");
        try
        {
            var error = Assert.Throws<IOException>(() => PseudoTerminalPair.Open(path));

            Assert.Contains($"link path '{path}' exists and is not a symlink", error.Message, StringComparison.Ordinal);
            Assert.Equal("keep me", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
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
