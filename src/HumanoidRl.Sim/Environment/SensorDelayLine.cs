using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// Models sensing latency at loop-tick resolution: the frame recorded at tick t is what the policy sees at
/// tick t + delay. Until that much history exists, the oldest recorded frame is seen.
/// </summary>
public sealed class SensorDelayLine
{
    private readonly SensorFrame[] _ring;
    private long _recorded;

    public SensorDelayLine(int jointCount, int maxDelayTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDelayTicks);
        _ring = new SensorFrame[maxDelayTicks + 1];
        for (var i = 0; i < _ring.Length; i++) _ring[i] = new SensorFrame(jointCount);
    }

    public int MaxDelayTicks => _ring.Length - 1;

    public void Clear() => _recorded = 0;

    /// <summary>The slot to fill with this tick's measurement; call <see cref="Commit"/> after filling it.</summary>
    public SensorFrame NextSlot => _ring[_recorded % _ring.Length];

    public void Commit() => _recorded++;

    /// <summary>The frame recorded <paramref name="delayTicks"/> commits before the latest one.</summary>
    public SensorFrame Delayed(int delayTicks)
    {
        if ((uint)delayTicks > (uint)MaxDelayTicks)
            throw new ArgumentOutOfRangeException(nameof(delayTicks), delayTicks, $"delay must be within 0..{MaxDelayTicks} ticks");
        if (_recorded == 0) throw new InvalidOperationException("no sensor frame recorded since the last reset");
        var back = Math.Min(delayTicks, _recorded - 1);
        return _ring[(_recorded - 1 - back) % _ring.Length];
    }
}
