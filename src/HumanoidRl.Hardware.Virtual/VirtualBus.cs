using System.Buffers.Binary;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// Emulates the devices on one Protocol 2.0 bus: answers Ping, Read, Write, Reboot, Sync Read, Fast Sync Read,
/// Sync Write and Bulk Read from each device's control table, as the e-Manual describes. Broadcast requests other
/// than Ping / Sync Read / Fast Sync Read / Bulk Read get no reply. Every request first steps the plant through
/// its <see cref="VirtualPlantDriver"/> (see there how plant time passes), which may be shared with the other
/// buses of the same robot; the request is handled under the driver's lock, so buses served on separate threads
/// never see a half-written control table. Replies are built under the lock and sent without it. Nothing is
/// allocated per request.
/// </summary>
public sealed class VirtualBus
{
    private const int ReplyBufferBytes = 4096;
    private const byte DataLengthError = (byte)StatusErrorCode.DataLengthError;

    private readonly VirtualDevice[] _devices;
    private readonly VirtualPlantDriver? _driver;
    private readonly Lock _lock;
    private readonly byte[] _reply = new byte[ReplyBufferBytes];

    /// <summary>A bus with its own plant: the motors on it are the plant's joints in the order given.</summary>
    /// <param name="devices">Devices on the bus.</param>
    /// <param name="plant">The physics, or null for a bus whose registers only change by writes.</param>
    /// <param name="plantStepPerRequestS">Plant time that passes per received request (lock-step clock).</param>
    /// <param name="clock">Lock-step per request, or wall-clock time.</param>
    public VirtualBus(IEnumerable<VirtualDevice> devices, IVirtualPlant? plant = null, double plantStepPerRequestS = 0.002,
        VirtualPlantClock clock = VirtualPlantClock.PerRequest)
    {
        _devices = CheckDevices(devices);
        _driver = plant is null
            ? null
            : new VirtualPlantDriver(plant, _devices.OfType<VirtualMotor>(), _devices.OfType<VirtualOpenCrImu>(), plantStepPerRequestS,
                clock);
        _lock = _driver?.SyncRoot ?? new Lock();
    }

    /// <summary>
    /// One of several buses on a shared plant: answers for <paramref name="devices"/>, which <paramref name="driver"/> must drive.
    /// </summary>
    public VirtualBus(IEnumerable<VirtualDevice> devices, VirtualPlantDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        _devices = CheckDevices(devices);
        var undriven = _devices.FirstOrDefault(device => !driver.Drives(device));
        if (undriven is not null)
        {
            throw new ArgumentException($"device ID {undriven.Id} ({undriven.GetType().Name}) is not one the plant driver updates",
                nameof(devices));
        }
        _driver = driver;
        _lock = driver.SyncRoot;
    }

    /// <summary>What steps the plant, or null for a bus without physics.</summary>
    public VirtualPlantDriver? Driver => _driver;

    public VirtualBusFaults Faults { get; } = new();

    public IReadOnlyList<VirtualDevice> Devices => _devices;

    /// <summary>Requests handled so far (any instruction, any ID).</summary>
    public long RequestsHandled { get; private set; }

    /// <summary>Handles one instruction packet; replies go to <paramref name="sink"/>.</summary>
    public void Handle(in ReceivedPacket request, IVirtualReplySink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (request.Instruction == (byte)DynamixelInstruction.Status) return; // another device's reply
        lock (_lock)
        {
            RequestsHandled++;
            _driver?.Step();
            HandleLocked(request, sink);
        }
    }

    private void HandleLocked(in ReceivedPacket request, IVirtualReplySink sink)
    {
        var broadcast = request.Id == PacketLayout.BroadcastId;
        var parameters = request.Parameters;
        switch ((DynamixelInstruction)request.Instruction)
        {
            case DynamixelInstruction.Ping:
                if (broadcast)
                {
                    foreach (var device in _devices.OrderBy(device => device.Id)) ReplyPing(device, sink);
                }
                else if (Find(request.Id) is { } device)
                {
                    ReplyPing(device, sink);
                }
                break;
            case DynamixelInstruction.Read when !broadcast:
                HandleRead(request.Id, parameters, sink);
                break;
            case DynamixelInstruction.Write:
                HandleWrite(request.Id, parameters, broadcast, sink);
                break;
            case DynamixelInstruction.Reboot:
                HandleReboot(request.Id, broadcast, sink);
                break;
            case DynamixelInstruction.SyncWrite when broadcast:
                HandleSyncWrite(parameters);
                break;
            case DynamixelInstruction.SyncRead when broadcast:
                HandleSyncRead(parameters, sink);
                break;
            case DynamixelInstruction.FastSyncRead when broadcast:
                HandleFastSyncRead(parameters, sink);
                break;
            case DynamixelInstruction.BulkRead when broadcast:
                HandleBulkRead(parameters, sink);
                break;
            default:
                if (!broadcast && Find(request.Id) is { } addressed)
                {
                    Reply(addressed, (byte)StatusErrorCode.InstructionError, [], sink);
                }
                break;
        }
    }

    private void ReplyPing(VirtualDevice device, IVirtualReplySink sink)
    {
        Span<byte> data = stackalloc byte[3];
        BinaryPrimitives.WriteUInt16LittleEndian(data, device.ModelNumber);
        data[2] = device.Firmware;
        Reply(device, 0, data, sink);
    }

    private void HandleRead(byte id, ReadOnlySpan<byte> parameters, IVirtualReplySink sink)
    {
        if (Find(id) is not { } device) return;
        if (parameters.Length != 4)
        {
            Reply(device, DataLengthError, [], sink);
            return;
        }
        var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]);
        ReplyRead(device, address, length, sink);
    }

    private void ReplyRead(VirtualDevice device, int address, int length, IVirtualReplySink sink)
    {
        var error = device.CheckRead(address, length);
        Reply(device, (byte)error, error == StatusErrorCode.None ? device.ControlTable.AsSpan(address, length) : [], sink);
    }

    private void HandleWrite(byte id, ReadOnlySpan<byte> parameters, bool broadcast, IVirtualReplySink sink)
    {
        if (parameters.Length < 3)
        {
            if (!broadcast && Find(id) is { } device) Reply(device, DataLengthError, [], sink);
            return;
        }
        var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        if (broadcast)
        {
            foreach (var device in _devices) device.Write(address, parameters[2..]);
            return;
        }
        if (Find(id) is not { } target) return;
        var error = target.Write(address, parameters[2..]);
        Reply(target, (byte)error, [], sink);
    }

    private void HandleReboot(byte id, bool broadcast, IVirtualReplySink sink)
    {
        if (broadcast)
        {
            foreach (var device in _devices) device.Reboot();
            return;
        }
        if (Find(id) is not { } target) return;
        Reply(target, 0, [], sink); // the device answers, then restarts
        target.Reboot();
    }

    private void HandleSyncWrite(ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length < 4) return;
        var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]);
        var blocks = parameters[4..];
        if (length == 0 || blocks.Length % (length + 1) != 0) return; // malformed broadcast: devices ignore it
        for (var offset = 0; offset < blocks.Length; offset += length + 1)
        {
            Find(blocks[offset])?.Write(address, blocks.Slice(offset + 1, length));
        }
    }

    private void HandleSyncRead(ReadOnlySpan<byte> parameters, IVirtualReplySink sink)
    {
        if (parameters.Length < 5) return;
        var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]);
        foreach (var id in parameters[4..])
        {
            if (Find(id) is { } device) ReplyRead(device, address, length, sink);
        }
    }

    private void HandleBulkRead(ReadOnlySpan<byte> parameters, IVirtualReplySink sink)
    {
        if (parameters.Length == 0 || parameters.Length % 5 != 0) return;
        for (var offset = 0; offset < parameters.Length; offset += 5)
        {
            if (Find(parameters[offset]) is not { } device) continue;
            var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters[(offset + 1)..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(parameters[(offset + 3)..]);
            ReplyRead(device, address, length, sink);
        }
    }

    /// <summary>
    /// One packet from ID 0xFE: per device <c>[ERR ID data CRC]</c>, each CRC running over all bytes sent so far.
    /// Each device appends its block in turn, so a silent device cuts the packet off there.
    /// </summary>
    private void HandleFastSyncRead(ReadOnlySpan<byte> parameters, IVirtualReplySink sink)
    {
        if (parameters.Length < 5) return;
        var address = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]);
        var ids = parameters[4..];
        var blockBytes = length + 4;
        var packetBytes = PacketLayout.ParametersOffset + (ids.Length * blockBytes);
        if (packetBytes > _reply.Length) return;
        var packet = _reply.AsSpan();
        PacketLayout.Header.CopyTo(packet);
        packet[PacketLayout.IdOffset] = PacketLayout.BroadcastId;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[PacketLayout.LengthOffset..], (ushort)(packetBytes - PacketLayout.PrefixSize));
        packet[PacketLayout.InstructionOffset] = (byte)DynamixelInstruction.Status;
        var written = PacketLayout.ParametersOffset;
        var delayMs = 0;
        foreach (var id in ids)
        {
            if (Find(id) is not { } device) break;
            var fault = Faults.Take(id, out var lateMs);
            if (fault == ReplyFault.Drop) break;
            delayMs = Math.Max(delayMs, lateMs);
            var readError = device.CheckRead(address, length);
            packet[written] = ErrorByte(device, (byte)readError);
            packet[written + 1] = id;
            var data = packet.Slice(written + 2, length);
            if (readError == StatusErrorCode.None) device.ControlTable.AsSpan(address, length).CopyTo(data);
            else data.Clear();
            var crcOffset = written + 2 + length;
            BinaryPrimitives.WriteUInt16LittleEndian(packet[crcOffset..], DynamixelCrc.Compute(packet[..crcOffset]));
            if (fault == ReplyFault.CorruptCrc) packet[crcOffset] ^= 0xFF;
            written = crcOffset + 2;
        }
        if (written > PacketLayout.ParametersOffset) SendUnlocked(packet[..written], delayMs, sink);
    }

    private void Reply(VirtualDevice device, byte error, ReadOnlySpan<byte> data, IVirtualReplySink sink)
    {
        var fault = Faults.Take(device.Id, out var delayMs);
        if (fault == ReplyFault.Drop) return;
        var size = PacketBuilder.WriteStatus(_reply, device.Id, ErrorByte(device, error), data);
        if (fault == ReplyFault.CorruptCrc) _reply[size - 2] ^= 0xFF;
        SendUnlocked(_reply.AsSpan(0, size), delayMs, sink);
    }

    /// <summary>
    /// Sends with the shared lock released: the packet is already copied into this bus's own buffer, and a write to
    /// the pseudo-terminal (or a reply delayed by fault injection) must not hold up the other buses' requests.
    /// </summary>
    private void SendUnlocked(ReadOnlySpan<byte> packet, int delayMs, IVirtualReplySink sink)
    {
        _lock.Exit();
        try
        {
            sink.Send(packet, delayMs);
        }
        finally
        {
            _lock.Enter();
        }
    }

    private static VirtualDevice[] CheckDevices(IEnumerable<VirtualDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        VirtualDevice[] checkedDevices = [.. devices];
        var duplicate = checkedDevices.GroupBy(device => device.Id).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two virtual devices share ID {duplicate.Key}", nameof(devices));
        return checkedDevices;
    }

    private static byte ErrorByte(VirtualDevice device, byte error) => (byte)(error | (device.HardwareAlert ? 0x80 : 0));

    private VirtualDevice? Find(byte id)
    {
        foreach (var device in _devices)
        {
            if (device.Id == id) return device;
        }
        return null;
    }
}
