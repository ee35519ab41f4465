using System.Buffers.Binary;

namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>What one call to <see cref="PacketReceiver.TryTake"/> found.</summary>
public enum ReceiveOutcome
{
    /// <summary>No complete packet yet: read more bytes.</summary>
    NeedMoreBytes,

    /// <summary>A packet passed the CRC check.</summary>
    Packet,

    /// <summary>Bytes were discarded (see <see cref="PacketReceiver.LastRejection"/>); call again to continue.</summary>
    Rejected,
}

/// <summary>
/// Reassembles Protocol 2.0 packets from a byte stream: finds the header, checks LEN and CRC, unstuffs.
/// Bad input is rejected with a reason and the search restarts one byte later, i.e. on the next header.
/// Owns one preallocated buffer; nothing is allocated per packet.
/// </summary>
public sealed class PacketReceiver
{
    private readonly byte[] _buffer;
    private readonly byte[] _unstuffed;
    private int _start;
    private int _end;
    private int _crcRejectedSize;
    private int _lastPacketStart = -1;

    public PacketReceiver(int capacityBytes = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, PacketLayout.MinimumPacketSize);
        _buffer = new byte[capacityBytes];
        _unstuffed = new byte[capacityBytes];
    }

    public PacketRejection LastRejection { get; private set; }

    /// <summary>How many bytes the last rejection discarded.</summary>
    public int LastRejectedBytes { get; private set; }

    /// <summary>
    /// Right after a <see cref="PacketRejection.CrcMismatch"/>: the whole rejected packet, header to CRC. A Fast
    /// Sync Read reply still has good blocks in it (each has its own CRC). Valid until the next receive call.
    /// </summary>
    public ReadOnlySpan<byte> CrcRejectedPacket => LastRejection == PacketRejection.CrcMismatch
        ? _buffer.AsSpan(_start - 1, _crcRejectedSize)
        : [];

    /// <summary>Bytes received but not yet taken as a packet or rejected.</summary>
    public int BufferedBytes => _end - _start;

    /// <summary>The bytes received but not yet taken (e.g. the complete blocks of a cut-off Fast Sync Read reply).</summary>
    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    /// <summary>
    /// Moves pending bytes to the front and returns the space to read into; call <see cref="Commit"/> with the number of bytes written.
    /// </summary>
    public Span<byte> GetFreeSpace()
    {
        _lastPacketStart = -1;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        return _buffer.AsSpan(_end);
    }

    public void Commit(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(byteCount, _buffer.Length - _end);
        _end += byteCount;
    }

    /// <summary>Copies bytes in (for byte-stream tests and the emulator); returns how many fitted.</summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        var free = GetFreeSpace();
        var count = Math.Min(free.Length, bytes.Length);
        bytes[..count].CopyTo(free);
        Commit(count);
        return count;
    }

    /// <summary>Drops everything buffered (after a timeout, so late bytes of one exchange cannot pair with the next).</summary>
    public void Clear()
    {
        _lastPacketStart = -1;
        _start = 0;
        _end = 0;
    }

    /// <summary>
    /// Returns the packet just taken to the buffer, so the next <see cref="TryTake"/> yields it again (a reply that
    /// belongs to a later step of the exchange). Only valid directly after a <see cref="ReceiveOutcome.Packet"/>.
    /// </summary>
    public void PutBackLastPacket()
    {
        if (_lastPacketStart < 0) throw new InvalidOperationException("no packet was just taken");
        _start = _lastPacketStart;
        _lastPacketStart = -1;
    }

    /// <summary>Tries to take the next packet out of the buffered bytes.</summary>
    public ReceiveOutcome TryTake(out ReceivedPacket packet)
    {
        packet = default;
        _lastPacketStart = -1;
        var pending = _buffer.AsSpan(_start, _end - _start);
        var headerAt = pending.IndexOf(PacketLayout.Header);
        if (headerAt < 0)
        {
            // Keep a possible header prefix (up to 3 bytes) at the end; everything before it is garbage.
            var keep = Math.Min(pending.Length, PacketLayout.Header.Length - 1);
            while (keep > 0 && !PacketLayout.Header.StartsWith(pending[^keep..])) keep--;
            return pending.Length - keep > 0
                ? Reject(PacketRejection.GarbageBeforeHeader, pending.Length - keep)
                : ReceiveOutcome.NeedMoreBytes;
        }
        if (headerAt > 0) return Reject(PacketRejection.GarbageBeforeHeader, headerAt);
        if (pending.Length < PacketLayout.PrefixSize) return ReceiveOutcome.NeedMoreBytes;

        int length = BinaryPrimitives.ReadUInt16LittleEndian(pending[PacketLayout.LengthOffset..]);
        if (length < PacketLayout.LengthOverhead) return Reject(PacketRejection.LengthTooShort, 1);
        var size = PacketLayout.PrefixSize + length;
        if (size > _buffer.Length) return Reject(PacketRejection.LengthTooLong, 1);
        if (pending.Length < size) return ReceiveOutcome.NeedMoreBytes;

        var wire = pending[..size];
        var expected = BinaryPrimitives.ReadUInt16LittleEndian(wire[^2..]);
        if (DynamixelCrc.Compute(wire[..^2]) != expected)
        {
            _crcRejectedSize = size;
            return Reject(PacketRejection.CrcMismatch, 1);
        }

        var id = wire[PacketLayout.IdOffset];
        var instruction = wire[PacketLayout.InstructionOffset];
        _lastPacketStart = _start;
        _start += size;
        LastRejection = PacketRejection.None;
        LastRejectedBytes = 0;
        if (IsUnstuffedOnTheWire(id, instruction))
        {
            packet = new ReceivedPacket(id, instruction, wire[PacketLayout.ParametersOffset..^2], wire);
            return ReceiveOutcome.Packet;
        }
        // Unstuff into a second buffer so the wire view stays intact.
        var parameters = wire[PacketLayout.ParametersOffset..^2];
        if (parameters.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xFF, 0xFD]) < 0)
        {
            packet = new ReceivedPacket(id, instruction, parameters, wire);
            return ReceiveOutcome.Packet;
        }
        var scratch = _unstuffed.AsSpan(0, parameters.Length);
        parameters.CopyTo(scratch);
        var unstuffedLength = ByteStuffing.Unstuff(scratch[..parameters.Length]);
        packet = new ReceivedPacket(id, instruction, scratch[..unstuffedLength], wire);
        return ReceiveOutcome.Packet;
    }

    /// <summary>Fast Sync Read / Fast Bulk Read replies (status from the broadcast ID) are not stuffed.</summary>
    private static bool IsUnstuffedOnTheWire(byte id, byte instruction) =>
        id == PacketLayout.BroadcastId && instruction == (byte)DynamixelInstruction.Status;

    private ReceiveOutcome Reject(PacketRejection reason, int discardBytes)
    {
        _start += discardBytes;
        LastRejection = reason;
        LastRejectedBytes = discardBytes;
        return ReceiveOutcome.Rejected;
    }
}
