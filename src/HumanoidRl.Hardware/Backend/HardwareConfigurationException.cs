namespace HumanoidRl.Hardware.Backend;

/// <summary>The robot on the buses does not match the config; the message lists every mismatch by joint, bus and ID.</summary>
public sealed class HardwareConfigurationException : Exception
{
    public HardwareConfigurationException(string message)
        : base(message)
    {
    }

    public HardwareConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HardwareConfigurationException()
    {
    }
}
