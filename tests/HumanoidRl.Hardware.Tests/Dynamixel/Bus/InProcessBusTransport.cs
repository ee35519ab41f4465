using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Serial;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Bus;

/// <summary>
/// A byte stream straight into a <see cref="HumanoidRl.Hardware.Virtual.VirtualBus"/> on the calling thread:
/// what is written is parsed and answered at once, replies wait in a fixed buffer until read. Lets the
/// packet and group layers be tested without a serial port (and measured for allocations).
/// </summary>
internal sealed class InProcessBusTransport(HumanoidRl.Hardware.Virtual.VirtualBus bus) : ISerialTransport, IVirtualReplySink
{
    private readonly PacketReceiver _requests = new();
    private readonly byte[] _replies = new byte[8192];
    private int _replyStart;
    private int _replyEnd;

    public string Name => "in-process virtual bus";

    public int BaudRate => 1_000_000;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _requests.Append(bytes);
        while (true)
        {
            var outcome = _requests.TryTake(out var packet);
            if (outcome == ReceiveOutcome.NeedMoreBytes) return;
            if (outcome == ReceiveOutcome.Packet) bus.Handle(packet, this);
        }
    }

    public int Read(Span<byte> destination, int timeoutMs)
    {
        var count = Math.Min(destination.Length, _replyEnd - _replyStart);
        _replies.AsSpan(_replyStart, count).CopyTo(destination);
        _replyStart += count;
        return count;
    }

    public void DiscardInput()
    {
        _replyStart = 0;
        _replyEnd = 0;
    }

    public void Send(ReadOnlySpan<byte> packet, int delayMs)
    {
        if (_replyStart == _replyEnd) DiscardInput();
        packet.CopyTo(_replies.AsSpan(_replyEnd));
        _replyEnd += packet.Length;
    }

    public void Dispose()
    {
    }
}
