using System.Buffers.Binary;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>
/// One Sync Write (0x83): the same <see cref="LengthBytes"/> at <see cref="Address"/> on every listed device,
/// no reply. The parameter block is built once; each cycle only the data bytes change.
/// </summary>
public sealed class SyncWriteGroup
{
    private readonly byte[] _ids;
    private readonly byte[] _parameters;

    public SyncWriteGroup(ushort address, int lengthBytes, ReadOnlySpan<byte> ids)
    {
        GroupIds.CheckLength(lengthBytes, "Sync Write");
        _ids = GroupIds.Validate(ids, "Sync Write");
        Address = address;
        LengthBytes = lengthBytes;
        _parameters = new byte[4 + (_ids.Length * (1 + lengthBytes))];
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters.AsSpan(2), (ushort)lengthBytes);
        for (var index = 0; index < _ids.Length; index++) _parameters[BlockOffset(index)] = _ids[index];
    }

    public ushort Address { get; }

    public int LengthBytes { get; }

    public ReadOnlySpan<byte> Ids => _ids;

    internal ReadOnlySpan<byte> Parameters => _parameters;

    /// <summary>The data bytes sent to the device at <paramref name="index"/> in <see cref="Ids"/>.</summary>
    public Span<byte> DataAt(int index) => _parameters.AsSpan(BlockOffset(index) + 1, LengthBytes);

    public void SetInt16(int index, short value) => BinaryPrimitives.WriteInt16LittleEndian(DataAt(index), value);

    public void SetInt32(int index, int value) => BinaryPrimitives.WriteInt32LittleEndian(DataAt(index), value);

    private int BlockOffset(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _ids.Length);
        return 4 + (index * (1 + LengthBytes));
    }
}
