using System.Runtime.Versioning;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// Serves a <see cref="VirtualBus"/> on a pseudo-terminal from a background thread: open <see cref="PortPath"/>
/// with any serial driver and talk Protocol 2.0 to the emulated devices. Garbage and corrupted requests are
/// dropped the way a device drops them (counted in <see cref="RejectedRequestBytes"/>).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VirtualBusServer : IDisposable, IVirtualReplySink
{
    private const int PollIntervalMs = 20;

    private readonly PseudoTerminalPair _terminal;
    private readonly PacketReceiver _receiver = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile Exception? _failure;

    private VirtualBusServer(VirtualBus bus, PseudoTerminalPair terminal)
    {
        Bus = bus;
        _terminal = terminal;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"virtual bus {terminal.DevicePath}" };
    }

    public VirtualBus Bus { get; }

    /// <summary>Where a driver connects: the symlink if one was given, else /dev/pts/N.</summary>
    public string PortPath => _terminal.PortPath;

    public string DevicePath => _terminal.DevicePath;

    public long RejectedRequestBytes { get; private set; }

    /// <summary>Opens a pseudo-terminal pair (with an optional symlink) and starts serving <paramref name="bus"/>.</summary>
    public static VirtualBusServer Start(VirtualBus bus, string? linkPath = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var server = new VirtualBusServer(bus, PseudoTerminalPair.Open(linkPath));
        server._thread.Start();
        return server;
    }

    void IVirtualReplySink.Send(ReadOnlySpan<byte> packet, int delayMs)
    {
        if (delayMs > 0) Thread.Sleep(delayMs);
        _terminal.Write(packet);
    }

    /// <summary>What stopped the serving thread early (an I/O error on the pseudo-terminal), or null.</summary>
    public Exception? Failure => _failure;

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _terminal.Dispose();
    }

    private void Serve()
    {
        try
        {
            while (!_stopping)
            {
                var read = _terminal.Read(_receiver.GetFreeSpace(), PollIntervalMs);
                _receiver.Commit(read);
                while (true)
                {
                    var outcome = _receiver.TryTake(out var packet);
                    if (outcome == ReceiveOutcome.NeedMoreBytes) break;
                    if (outcome == ReceiveOutcome.Rejected)
                    {
                        RejectedRequestBytes += _receiver.LastRejectedBytes;
                        continue;
                    }
                    Bus.Handle(packet, this);
                }
            }
        }
        catch (IOException exception)
        {
            _failure = exception;
        }
    }
}
