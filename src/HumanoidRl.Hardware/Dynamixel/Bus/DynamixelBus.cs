using System.Buffers.Binary;
using System.Diagnostics;
using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Serial;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>
/// Group operations of Dynamixel Protocol 2.0 on one serial bus: Ping, Read, Write, Reboot, Sync Write,
/// Sync Read, Fast Sync Read, Bulk Read. One thread owns a bus. After the first cycle nothing is allocated:
/// packets are built into a preallocated buffer and replies parsed in place. Every exchange is bounded by
/// a timeout derived from the expected reply size; failures update <see cref="Counters"/> per device.
/// </summary>
public sealed class DynamixelBus : IDisposable
{
    private const int BitsPerByte = 10;
    private const int PingDataBytes = 3;
    private const int StatusOverheadBytes = 11;

    private readonly ISerialTransport _transport;
    private readonly DynamixelBusOptions _options;
    private readonly PacketReceiver _receiver;
    private readonly byte[] _transmit;
    private readonly byte[] _parameters = new byte[8];
    private readonly byte[] _writeParameters;
    private bool _flushBeforeNextRequest;

    public DynamixelBus(ISerialTransport transport, DynamixelBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _options = options ?? new DynamixelBusOptions();
        _receiver = new PacketReceiver(_options.BufferBytes);
        _transmit = new byte[_options.BufferBytes];
        _writeParameters = new byte[_options.BufferBytes];
    }

    public BusCounters Counters { get; } = new();

    public ISerialTransport Transport => _transport;

    public TransferResult Ping(byte id, out PingReply reply)
    {
        CheckUnicast(id, "Ping");
        reply = default;
        Send(id, DynamixelInstruction.Ping, []);
        var result = ReceiveStatus(id, PingDataBytes, out var packet);
        if (result.IsOk)
        {
            var data = packet.StatusData;
            reply = new PingReply(id, BinaryPrimitives.ReadUInt16LittleEndian(data), data[2]);
        }
        return Record(id, result);
    }

    /// <summary>
    /// Broadcast Ping: every device answers in ID order; collects replies for <see cref="DynamixelBusOptions.ScanTimeoutMs"/>.
    /// </summary>
    public IReadOnlyList<PingReply> Scan()
    {
        Send(PacketLayout.BroadcastId, DynamixelInstruction.Ping, []);
        var found = new List<PingReply>();
        var deadline = Stopwatch.GetTimestamp() + (_options.ScanTimeoutMs * Stopwatch.Frequency / 1000);
        while (true)
        {
            var outcome = _receiver.TryTake(out var packet);
            if (outcome == ReceiveOutcome.Packet)
            {
                if (packet.IsStatus && packet.StatusData.Length == PingDataBytes && PacketLayout.IsValidDeviceId(packet.Id))
                {
                    var data = packet.StatusData;
                    found.Add(new PingReply(packet.Id, BinaryPrimitives.ReadUInt16LittleEndian(data), data[2]));
                    Record(packet.Id, new TransferResult(
                        packet.StatusError.Code == StatusErrorCode.None ? TransferStatus.Ok : TransferStatus.DeviceError,
                        packet.StatusError));
                }
                continue;
            }
            if (outcome == ReceiveOutcome.Rejected)
            {
                NoteRejection();
                continue;
            }
            if (!ReadMore(deadline)) break;
        }
        return found;
    }

    /// <summary>Reads <c>data.Length</c> bytes starting at <paramref name="address"/>.</summary>
    public TransferResult Read(byte id, ushort address, Span<byte> data)
    {
        CheckUnicast(id, "Read");
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters.AsSpan(2), (ushort)data.Length);
        Send(id, DynamixelInstruction.Read, _parameters.AsSpan(0, 4));
        var result = ReceiveStatus(id, data.Length, out var packet);
        if (result.IsOk) packet.StatusData.CopyTo(data);
        return Record(id, result);
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/> and waits for the status.</summary>
    public TransferResult Write(byte id, ushort address, ReadOnlySpan<byte> data)
    {
        CheckUnicast(id, "Write");
        var parameters = _writeParameters.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, address);
        data.CopyTo(parameters[2..]);
        Send(id, DynamixelInstruction.Write, parameters[..(2 + data.Length)]);
        return Record(id, ReceiveStatus(id, 0, out _));
    }

    /// <summary>Reboots a device (the only way to clear Hardware Error Status); it answers before restarting.</summary>
    public TransferResult Reboot(byte id)
    {
        CheckUnicast(id, "Reboot");
        Send(id, DynamixelInstruction.Reboot, []);
        return Record(id, ReceiveStatus(id, 0, out _));
    }

    /// <summary>Sends the group's data to all its devices at once; there is no reply.</summary>
    public void SyncWrite(SyncWriteGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Send(PacketLayout.BroadcastId, DynamixelInstruction.SyncWrite, group.Parameters);
    }

    /// <summary>
    /// Runs a Sync Read or Fast Sync Read; returns how many devices answered OK (see <see cref="SyncReadGroup.ResultAt"/>).
    /// </summary>
    public int SyncRead(SyncReadGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Send(PacketLayout.BroadcastId, group.Fast ? DynamixelInstruction.FastSyncRead : DynamixelInstruction.SyncRead, group.Parameters);
        return group.Fast ? ReceiveFastSyncRead(group) : ReceiveSyncRead(group);
    }

    /// <summary>Runs a Bulk Read; returns how many devices answered OK (see <see cref="BulkReadGroup.ResultAt"/>).</summary>
    public int BulkRead(BulkReadGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Send(PacketLayout.BroadcastId, DynamixelInstruction.BulkRead, group.Parameters);
        var ok = 0;
        for (var index = 0; index < group.Entries.Length; index++)
        {
            var entry = group.Entries[index];
            var result = ReceiveStatus(entry.Id, entry.LengthBytes, out var packet, group.Ids[(index + 1)..]);
            if (result.IsOk) packet.StatusData.CopyTo(group.WritableDataAt(index));
            group.SetResult(index, Record(entry.Id, result));
            if (result.IsOk) ok++;
        }
        return ok;
    }

    public void Dispose() => _transport.Dispose();

    private int ReceiveSyncRead(SyncReadGroup group)
    {
        var ok = 0;
        for (var index = 0; index < group.Ids.Length; index++)
        {
            var id = group.Ids[index];
            var result = ReceiveStatus(id, group.LengthBytes, out var packet, group.Ids[(index + 1)..]);
            if (result.IsOk) packet.StatusData.CopyTo(group.WritableDataAt(index));
            group.SetResult(index, Record(id, result));
            if (result.IsOk) ok++;
        }
        return ok;
    }

    /// <summary>
    /// The Fast Sync Read reply is one packet from ID 0xFE holding <c>[ERR ID data CRC]</c> per device, each CRC
    /// running over the whole packet so far. When the packet is cut off, the complete leading blocks still count.
    /// </summary>
    private int ReceiveFastSyncRead(SyncReadGroup group)
    {
        var blockBytes = group.LengthBytes + 4;
        var expectedParameters = (group.Ids.Length * blockBytes) - 2;
        var deadline = Deadline(PacketLayout.ParametersOffset + expectedParameters + 2);
        var packetResult = ReceivePacketFrom(PacketLayout.BroadcastId, deadline, out var packet);
        var wire = packetResult switch
        {
            TransferStatus.Ok => packet.Wire,
            TransferStatus.CrcError => _receiver.CrcRejectedPacket,
            _ => _receiver.Pending,
        };
        if (packetResult == TransferStatus.Ok && packet.Parameters.Length != expectedParameters)
            packetResult = TransferStatus.MalformedReply;

        var ok = 0;
        var chainIntact = wire.Length >= PacketLayout.ParametersOffset && wire[..4].SequenceEqual(PacketLayout.Header)
            && wire[PacketLayout.IdOffset] == PacketLayout.BroadcastId
            && wire[PacketLayout.InstructionOffset] == (byte)DynamixelInstruction.Status
            && packetResult != TransferStatus.MalformedReply;
        for (var index = 0; index < group.Ids.Length; index++)
        {
            var id = group.Ids[index];
            var blockStart = PacketLayout.ParametersOffset + (index * blockBytes);
            var crcOffset = blockStart + 2 + group.LengthBytes;
            TransferResult result;
            if (!chainIntact || wire.Length < crcOffset + 2)
            {
                result = TransferResult.Of(packetResult == TransferStatus.Ok ? TransferStatus.MalformedReply : packetResult);
                chainIntact = false;
            }
            else if (DynamixelCrc.Compute(wire[..crcOffset]) != BinaryPrimitives.ReadUInt16LittleEndian(wire[crcOffset..]))
            {
                // The next block's CRC runs over the bytes as sent, so it can still be checked.
                result = TransferResult.Of(TransferStatus.CrcError);
            }
            else if (wire[blockStart + 1] != id)
            {
                result = TransferResult.Of(TransferStatus.MalformedReply);
                chainIntact = false;
            }
            else
            {
                var error = new StatusError(wire[blockStart]);
                result = new TransferResult(error.Code == StatusErrorCode.None ? TransferStatus.Ok : TransferStatus.DeviceError, error);
                if (result.IsOk) wire.Slice(blockStart + 2, group.LengthBytes).CopyTo(group.WritableDataAt(index));
            }
            group.SetResult(index, Record(id, result));
            if (result.IsOk) ok++;
        }
        if (packetResult != TransferStatus.Ok) _receiver.Clear();
        return ok;
    }

    private TransferResult ReceiveStatus(byte id, int dataBytes, out ReceivedPacket packet, ReadOnlySpan<byte> laterIds = default)
    {
        var status = ReceivePacketFrom(id, Deadline(StatusOverheadBytes + dataBytes), out packet, laterIds);
        if (status != TransferStatus.Ok) return TransferResult.Of(status);
        var data = packet.StatusData;
        var error = packet.StatusError;
        if (error.Code != StatusErrorCode.None) return new TransferResult(TransferStatus.DeviceError, error);
        return data.Length == dataBytes
            ? new TransferResult(TransferStatus.Ok, error)
            : new TransferResult(TransferStatus.MalformedReply, error);
    }

    /// <summary>
    /// Waits for a status packet from <paramref name="id"/>. A status from one of <paramref name="laterIds"/> means
    /// this device's turn passed in silence: it is put back for its own turn and this one times out. Other packets
    /// (echoes, stale replies) are skipped. A packet completed after the deadline counts as a timeout, because
    /// the port may hand over bytes later than the read timeout asked for.
    /// </summary>
    private TransferStatus ReceivePacketFrom(byte id, long deadline, out ReceivedPacket packet, ReadOnlySpan<byte> laterIds = default)
    {
        while (true)
        {
            var outcome = _receiver.TryTake(out packet);
            if (outcome == ReceiveOutcome.Packet)
            {
                if (!packet.IsStatus) continue;
                if (packet.Id == id)
                {
                    if (Stopwatch.GetTimestamp() <= deadline) return TransferStatus.Ok;
                    _flushBeforeNextRequest = true;
                    return TransferStatus.Timeout;
                }
                if (laterIds.Contains(packet.Id))
                {
                    _receiver.PutBackLastPacket();
                    _flushBeforeNextRequest = true;
                    return TransferStatus.Timeout;
                }
                continue;
            }
            if (outcome == ReceiveOutcome.Rejected)
            {
                NoteRejection();
                if (_receiver.LastRejection == PacketRejection.CrcMismatch) return TransferStatus.CrcError;
                continue;
            }
            if (!ReadMore(deadline))
            {
                _flushBeforeNextRequest = true;
                return TransferStatus.Timeout;
            }
        }
    }

    private bool ReadMore(long deadline)
    {
        var remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0) return false;
        var timeoutMs = (int)Math.Max(1, remaining * 1000 / Stopwatch.Frequency);
        var read = _transport.Read(_receiver.GetFreeSpace(), timeoutMs);
        _receiver.Commit(read);
        return true;
    }

    private void NoteRejection()
    {
        Counters.DiscardedBytes += _receiver.LastRejectedBytes;
        _flushBeforeNextRequest = true;
    }

    private long Deadline(int replyBytes)
    {
        var wireMs = ((long)replyBytes * BitsPerByte * 1000 / _transport.BaudRate) + 1;
        return Stopwatch.GetTimestamp() + ((wireMs + _options.ReplyTimeoutMarginMs) * Stopwatch.Frequency / 1000);
    }

    private void Send(byte id, DynamixelInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        if (_flushBeforeNextRequest || _receiver.BufferedBytes > 0)
        {
            // Late or broken replies of the last exchange must not be taken for replies to this one.
            _transport.DiscardInput();
            _receiver.Clear();
            _flushBeforeNextRequest = false;
            Counters.Flushes++;
        }
        var size = PacketBuilder.Write(_transmit, id, instruction, parameters);
        _transport.Write(_transmit.AsSpan(0, size));
    }

    private TransferResult Record(byte id, TransferResult result)
    {
        Counters.Record(id, result);
        return result;
    }

    private static void CheckUnicast(byte id, string operation)
    {
        if (!PacketLayout.IsValidDeviceId(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"{operation} needs one device ID in 0..{PacketLayout.MaxDeviceId}");
        }
    }
}
