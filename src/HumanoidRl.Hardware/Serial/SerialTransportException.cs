namespace HumanoidRl.Hardware.Serial;

/// <summary>The serial line failed (write timeout, device unplugged, port closed); the message names the port.</summary>
public sealed class SerialTransportException : IOException
{
    public SerialTransportException(string message)
        : base(message)
    {
    }

    public SerialTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SerialTransportException()
    {
    }
}
