namespace HumanoidRl.Hardware.Virtual;

/// <summary>How plant time passes on a <see cref="VirtualBus"/>.</summary>
public enum VirtualPlantClock
{
    /// <summary>A fixed step per request: deterministic, for tests of the driver.</summary>
    PerRequest,

    /// <summary>The wall-clock time between requests (capped): the plant runs in real time like a robot.</summary>
    WallClock,
}
