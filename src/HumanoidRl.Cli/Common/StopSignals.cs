using System.Runtime.InteropServices;

namespace HumanoidRl.Cli.Common;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancelled token instead of ending the process, so a long-running
/// command can stop cleanly (remove its links, print its summary). The program's synchronous Invoke does not
/// install System.CommandLine's own termination handling.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    /// <param name="cancellation">Also stops when this is cancelled.</param>
    public StopSignals(CancellationToken cancellation)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }
}
