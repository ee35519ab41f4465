using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// Random horizontal pushes on the base: every PushIntervalS a force acting for PushDurationS, sized to
/// change the robot's velocity by a drawn amount in a random direction.
/// </summary>
public sealed class PushScheduler
{
    private readonly RandomizationSpec _spec;
    private double _nextPushS;
    private double _pushEndS;

    public PushScheduler(RandomizationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
    }

    /// <summary>The push force currently acting on the base (world frame, N).</summary>
    public double ForceXN { get; private set; }

    public double ForceYN { get; private set; }

    public void Reset(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ForceXN = ForceYN = 0;
        _pushEndS = 0;
        _nextPushS = _spec.PushesEnabled ? _spec.PushIntervalS.Sample(random) : double.PositiveInfinity;
    }

    /// <summary>Advances to time <paramref name="timeS"/> and updates the acting force.</summary>
    public void Update(double timeS, double robotMassKg, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (timeS >= _pushEndS) ForceXN = ForceYN = 0;
        if (timeS < _nextPushS) return;
        var speed = _spec.PushVelocityMPerS.Sample(random);
        var direction = 2 * Math.PI * random.NextDouble();
        var force = robotMassKg * speed / _spec.PushDurationS;
        ForceXN = force * Math.Cos(direction);
        ForceYN = force * Math.Sin(direction);
        _pushEndS = timeS + _spec.PushDurationS;
        _nextPushS = timeS + _spec.PushIntervalS.Sample(random);
    }
}
