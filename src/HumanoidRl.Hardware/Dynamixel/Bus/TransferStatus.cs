using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>How one device's part of an exchange ended.</summary>
public enum TransferStatus : byte
{
    /// <summary>Not attempted yet (a group before its first exchange).</summary>
    NotAttempted,

    /// <summary>A well-formed status arrived with error number 0 (the Alert bit may still be set).</summary>
    Ok,

    /// <summary>No complete reply before the deadline.</summary>
    Timeout,

    /// <summary>A reply arrived but its CRC did not match.</summary>
    CrcError,

    /// <summary>The device answered with a non-zero error number (see <see cref="TransferResult.Error"/>).</summary>
    DeviceError,

    /// <summary>A reply passed the CRC but had the wrong ID, instruction or size.</summary>
    MalformedReply,
}

/// <summary>The outcome for one device: status plus the ERR byte when a reply arrived.</summary>
public readonly record struct TransferResult(TransferStatus Status, StatusError Error)
{
    public bool IsOk => Status == TransferStatus.Ok;

    /// <summary>The device reported a hardware fault (Alert bit); its data is still valid.</summary>
    public bool HardwareAlert => Error.Alert;

    public static TransferResult Of(TransferStatus status) => new(status, default);
}
