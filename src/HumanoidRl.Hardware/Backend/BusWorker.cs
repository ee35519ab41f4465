namespace HumanoidRl.Hardware.Backend;

/// <summary>
/// A thread that runs one port's read cycle when the loop thread asks, so ports on separate adapters are read
/// in parallel. Start/finish is a pair of semaphores: nothing is allocated per cycle.
/// </summary>
internal sealed class BusWorker : IDisposable
{
    private readonly BusPort _port;
    private readonly SemaphoreSlim _start = new(0, 1);
    private readonly SemaphoreSlim _done = new(0, 1);
    private readonly Thread _thread;
    private volatile bool _stopping;

    public BusWorker(BusPort port)
    {
        _port = port;
        _thread = new Thread(Run) { IsBackground = true, Name = $"bus {port.Port}" };
        _thread.Start();
    }

    public void StartRead() => _start.Release();

    public void WaitDone() => _done.Wait();

    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping) return;
            _port.ReadCycle();
            _done.Release();
        }
    }
}
