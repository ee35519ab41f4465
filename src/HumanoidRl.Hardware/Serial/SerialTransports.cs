namespace HumanoidRl.Hardware.Serial;

/// <summary>Which <see cref="ISerialTransport"/> to use for a port.</summary>
public enum SerialTransportKind
{
    /// <summary><see cref="LinuxSerialTransport"/> on Linux, <see cref="SerialPortTransport"/> elsewhere.</summary>
    Default,

    /// <summary>The direct tty transport (Linux only): zero allocation, strict read deadlines.</summary>
    Linux,

    /// <summary>System.IO.Ports: portable, but allocates per call and may return a read late on Linux.</summary>
    SystemIoPorts,
}

/// <summary>Opens the transport of a kind.</summary>
public static class SerialTransports
{
    /// <exception cref="SerialTransportException">The port cannot be opened with these settings.</exception>
    public static ISerialTransport Open(string portPath, int baudRate, SerialTransportKind kind = SerialTransportKind.Default)
    {
        if (kind == SerialTransportKind.Default)
            kind = OperatingSystem.IsLinux() ? SerialTransportKind.Linux : SerialTransportKind.SystemIoPorts;
        if (kind == SerialTransportKind.Linux)
        {
            return OperatingSystem.IsLinux()
                ? LinuxSerialTransport.Open(portPath, baudRate)
                : throw new PlatformNotSupportedException(
                    $"the Linux serial transport cannot open {portPath} on {Environment.OSVersion}; use System.IO.Ports");
        }
        return SerialPortTransport.Open(portPath, baudRate);
    }
}
