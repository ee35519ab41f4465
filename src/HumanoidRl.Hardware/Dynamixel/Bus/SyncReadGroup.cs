using System.Buffers.Binary;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>
/// One Sync Read (0x82) or Fast Sync Read (0x8A) of <see cref="LengthBytes"/> at <see cref="Address"/> from every
/// listed device. Results and data live in buffers allocated here once.
/// </summary>
public sealed class SyncReadGroup
{
    private readonly byte[] _ids;
    private readonly byte[] _parameters;
    private readonly byte[] _data;
    private readonly TransferResult[] _results;

    public SyncReadGroup(ushort address, int lengthBytes, ReadOnlySpan<byte> ids, bool fast)
    {
        GroupIds.CheckLength(lengthBytes, fast ? "Fast Sync Read" : "Sync Read");
        _ids = GroupIds.Validate(ids, fast ? "Fast Sync Read" : "Sync Read");
        Address = address;
        LengthBytes = lengthBytes;
        Fast = fast;
        _parameters = new byte[4 + _ids.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(_parameters.AsSpan(2), (ushort)lengthBytes);
        _ids.CopyTo(_parameters, 4);
        _data = new byte[_ids.Length * lengthBytes];
        _results = new TransferResult[_ids.Length];
    }

    public ushort Address { get; }

    public int LengthBytes { get; }

    /// <summary>Fast Sync Read: one combined reply instead of one status packet per device.</summary>
    public bool Fast { get; }

    public ReadOnlySpan<byte> Ids => _ids;

    internal ReadOnlySpan<byte> Parameters => _parameters;

    public TransferResult ResultAt(int index) => _results[index];

    internal void SetResult(int index, TransferResult result) => _results[index] = result;

    /// <summary>The bytes read from the device at <paramref name="index"/> (stale when its result is not OK).</summary>
    public ReadOnlySpan<byte> DataAt(int index) => _data.AsSpan(index * LengthBytes, LengthBytes);

    internal Span<byte> WritableDataAt(int index) => _data.AsSpan(index * LengthBytes, LengthBytes);

    public byte GetByte(int index, ushort address) => Item(index, address, 1)[0];

    public short GetInt16(int index, ushort address) => BinaryPrimitives.ReadInt16LittleEndian(Item(index, address, 2));

    public int GetInt32(int index, ushort address) => BinaryPrimitives.ReadInt32LittleEndian(Item(index, address, 4));

    private ReadOnlySpan<byte> Item(int index, ushort address, int size)
    {
        var offset = address - Address;
        if (offset < 0 || offset + size > LengthBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address,
                $"a {size}-byte item at {address} is outside the group's range {Address}..{Address + LengthBytes - 1}");
        }
        return DataAt(index).Slice(offset, size);
    }
}
