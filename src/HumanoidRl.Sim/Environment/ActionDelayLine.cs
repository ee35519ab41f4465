namespace HumanoidRl.Sim.Environment;

/// <summary>
/// Models actuation latency at loop-tick resolution: the action pushed at tick t is the one returned at
/// tick t + delay. Before enough history exists the zero action (no torque) comes out.
/// </summary>
public sealed class ActionDelayLine
{
    private readonly float[] _ring;
    private readonly int _width;
    private readonly int _slots;
    private long _tick;

    public ActionDelayLine(int width, int maxDelayTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDelayTicks);
        _width = width;
        _slots = maxDelayTicks + 1;
        _ring = new float[_slots * width];
    }

    public int MaxDelayTicks => _slots - 1;

    public void Clear()
    {
        Array.Clear(_ring);
        _tick = 0;
    }

    /// <summary>Records this tick's action and returns the one pushed <paramref name="delayTicks"/> ticks ago.</summary>
    public ReadOnlySpan<float> PushAndRead(ReadOnlySpan<float> action, int delayTicks)
    {
        if ((uint)delayTicks > (uint)MaxDelayTicks)
            throw new ArgumentOutOfRangeException(nameof(delayTicks), delayTicks, $"delay must be within 0..{MaxDelayTicks} ticks");
        var slot = (int)(_tick % _slots);
        action.CopyTo(_ring.AsSpan(slot * _width, _width));
        var readSlot = (int)((_tick - delayTicks + _slots) % _slots);
        _tick++;
        return _ring.AsSpan(readSlot * _width, _width);
    }
}
