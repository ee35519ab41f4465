namespace HumanoidRl.Hardware.Virtual;

/// <summary>Where the virtual bus puts its replies: a pseudo-terminal, or an in-memory stream in tests.</summary>
public interface IVirtualReplySink
{
    /// <summary>Sends one reply after waiting <paramref name="delayMs"/> (0: at once). The bytes are only valid during the call.</summary>
    void Send(ReadOnlySpan<byte> packet, int delayMs);
}
