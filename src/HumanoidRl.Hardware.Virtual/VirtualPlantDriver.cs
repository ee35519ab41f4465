namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// One plant and the devices it drives, shared by every virtual bus they are wired to: motor i is plant joint i
/// whichever bus it answers on. Each bus calls <see cref="Step"/> before it handles a request. Plant time advances
/// by <see cref="PlantStepPerRequestS"/> per request (deterministic) or, with <see cref="VirtualPlantClock.WallClock"/>,
/// by the wall-clock time since the last step on any bus: three buses serving in parallel run the physics in real
/// time, not three times as fast. Every step feeds the currents of all motors and copies the state into all motors'
/// Present registers and the IMUs, so buses on separate threads hold <see cref="SyncRoot"/> for the whole request.
/// Nothing is allocated per step.
/// </summary>
public sealed class VirtualPlantDriver
{
    /// <summary>Longest wall-clock step: after a pause the plant jumps at most this far instead of catching up.</summary>
    private const double MaxWallClockStepS = 0.05;

    private readonly IVirtualPlant _plant;
    private readonly VirtualMotor[] _motors;
    private readonly VirtualOpenCrImu[] _imus;
    private readonly double[] _currentsA;
    private readonly TimeProvider _time;
    private long _lastStepTimestamp;
    private bool _stepped;

    /// <param name="plant">The physics; its joint count must equal the number of motors.</param>
    /// <param name="motors">The motors in plant joint order.</param>
    /// <param name="imus">IMUs that report the plant's IMU reading.</param>
    /// <param name="plantStepPerRequestS">Plant time that passes per request (lock-step clock).</param>
    /// <param name="clock">Lock-step per request, or wall-clock time.</param>
    /// <param name="time">Source of wall-clock timestamps (default: the system's); tests pass a manual one.</param>
    public VirtualPlantDriver(IVirtualPlant plant, IEnumerable<VirtualMotor> motors, IEnumerable<VirtualOpenCrImu> imus,
        double plantStepPerRequestS = 0.002, VirtualPlantClock clock = VirtualPlantClock.PerRequest, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(motors);
        ArgumentNullException.ThrowIfNull(imus);
        ArgumentOutOfRangeException.ThrowIfNegative(plantStepPerRequestS);
        _motors = [.. motors];
        _imus = [.. imus];
        if (plant.JointCount != _motors.Length)
        {
            throw new ArgumentException($"the plant has {plant.JointCount} joints but {_motors.Length} motors were given to drive it",
                nameof(plant));
        }
        _plant = plant;
        _currentsA = new double[_motors.Length];
        _time = time ?? TimeProvider.System;
        PlantStepPerRequestS = plantStepPerRequestS;
        Clock = clock;
    }

    public VirtualPlantClock Clock { get; }

    public double PlantStepPerRequestS { get; }

    /// <summary>Motors in plant joint order.</summary>
    public IReadOnlyList<VirtualMotor> Motors => _motors;

    public IReadOnlyList<VirtualOpenCrImu> Imus => _imus;

    /// <summary>Held by a bus while it steps the plant and reads or writes control tables.</summary>
    internal Lock SyncRoot { get; } = new();

    /// <summary>Whether <paramref name="device"/> is one of the motors or IMUs this driver updates.</summary>
    public bool Drives(VirtualDevice device) => Array.IndexOf(_motors, device) >= 0 || Array.IndexOf(_imus, device) >= 0;

    /// <summary>
    /// Advances the plant with every motor's commanded current and updates all Present registers; call with <see cref="SyncRoot"/> held.
    /// </summary>
    internal void Step()
    {
        var anyEffort = false;
        for (var index = 0; index < _motors.Length; index++)
        {
            _currentsA[index] = _motors[index].CommandedCurrentA;
            anyEffort |= _currentsA[index] != 0;
        }
        // While no motor pushes (torque off or zero current) the robot hangs still in its gantry, as the simulator
        // backend's robot does while limp; that time does not reach the physics.
        var stepS = StepS();
        _plant.Advance(_currentsA, anyEffort ? stepS : 0);
        for (var index = 0; index < _motors.Length; index++)
        {
            _motors[index].UpdatePresent(_plant.PositionRad(index), _plant.VelocityRadPerS(index), _plant.CurrentA(index));
        }
        var imu = _plant.Imu;
        foreach (var device in _imus) device.Update(imu);
    }

    private double StepS()
    {
        if (Clock == VirtualPlantClock.PerRequest) return PlantStepPerRequestS;
        var now = _time.GetTimestamp();
        var stepS = _stepped ? (double)(now - _lastStepTimestamp) / _time.TimestampFrequency : 0;
        _lastStepTimestamp = now;
        _stepped = true;
        return Math.Clamp(stepS, 0, MaxWallClockStepS);
    }
}
