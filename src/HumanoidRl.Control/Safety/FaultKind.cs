namespace HumanoidRl.Control.Safety;

/// <summary>Why the controller left an active mode on its own.</summary>
public enum FaultKind
{
    /// <summary>The policy produced NaN or infinity.</summary>
    PolicyNotFinite,

    /// <summary>Roll, pitch or base height beyond the fall thresholds.</summary>
    Fall,

    /// <summary>Too many consecutive backend read/write failures.</summary>
    BackendFailure,

    /// <summary>Sensor data older than the allowed age.</summary>
    StaleSensors,

    /// <summary>The operator's lease heartbeats stopped.</summary>
    LeaseLapsed,

    /// <summary>An e-stop was requested.</summary>
    EStop,
}
