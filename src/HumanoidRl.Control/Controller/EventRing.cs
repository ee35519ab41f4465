namespace HumanoidRl.Control.Controller;

/// <summary>
/// Events from the loop (single writer) to any number of readers that poll by sequence number. A reader that
/// falls more than the capacity behind loses the oldest events and is told how many.
/// </summary>
public sealed class EventRing(int capacity = 1024)
{
    private readonly ControllerEvent[] _events = new ControllerEvent[capacity];
    private long _published;

    /// <summary>Sequence number the next event will get (events so far).</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Loop thread only.</summary>
    public void Publish(in ControllerEvent controllerEvent)
    {
        var sequence = _published;
        _events[sequence % _events.Length] = controllerEvent with { Sequence = sequence };
        Volatile.Write(ref _published, sequence + 1);
    }

    /// <summary>Copies events from <paramref name="next"/> on into the list; returns how many were lost to overwriting.</summary>
    public long ReadFrom(ref long next, List<ControllerEvent> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var published = Published;
        long lost = 0;
        if (published - next > _events.Length)
        {
            lost = published - _events.Length - next;
            next = published - _events.Length;
        }
        for (; next < published; next++)
        {
            var copy = _events[next % _events.Length];
            // Overwritten while copying: everything older is gone too.
            if (copy.Sequence != next) continue;
            into.Add(copy);
        }
        return lost;
    }
}
