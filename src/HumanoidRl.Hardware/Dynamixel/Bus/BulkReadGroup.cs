using System.Buffers.Binary;

namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>One request of a Bulk Read: a device and the range to read from it.</summary>
public readonly record struct BulkReadEntry(byte Id, ushort Address, ushort LengthBytes);

/// <summary>
/// One Bulk Read (0x92): a different address and length per device (e.g. motors plus the IMU), one status
/// packet per device in list order.
/// </summary>
public sealed class BulkReadGroup
{
    private readonly BulkReadEntry[] _entries;
    private readonly byte[] _ids;
    private readonly byte[] _parameters;
    private readonly byte[] _data;
    private readonly int[] _dataOffsets;
    private readonly TransferResult[] _results;

    public BulkReadGroup(ReadOnlySpan<BulkReadEntry> entries)
    {
        Span<byte> ids = stackalloc byte[entries.Length];
        for (var index = 0; index < entries.Length; index++)
        {
            GroupIds.CheckLength(entries[index].LengthBytes, "Bulk Read");
            ids[index] = entries[index].Id;
        }
        _ids = GroupIds.Validate(ids, "Bulk Read");
        _entries = entries.ToArray();
        _parameters = new byte[5 * _entries.Length];
        _dataOffsets = new int[_entries.Length];
        var total = 0;
        for (var index = 0; index < _entries.Length; index++)
        {
            var block = _parameters.AsSpan(5 * index);
            block[0] = _entries[index].Id;
            BinaryPrimitives.WriteUInt16LittleEndian(block[1..], _entries[index].Address);
            BinaryPrimitives.WriteUInt16LittleEndian(block[3..], _entries[index].LengthBytes);
            _dataOffsets[index] = total;
            total += _entries[index].LengthBytes;
        }
        _data = new byte[total];
        _results = new TransferResult[_entries.Length];
    }

    public ReadOnlySpan<BulkReadEntry> Entries => _entries;

    internal ReadOnlySpan<byte> Parameters => _parameters;

    internal ReadOnlySpan<byte> Ids => _ids;

    public TransferResult ResultAt(int index) => _results[index];

    internal void SetResult(int index, TransferResult result) => _results[index] = result;

    public ReadOnlySpan<byte> DataAt(int index) => _data.AsSpan(_dataOffsets[index], _entries[index].LengthBytes);

    internal Span<byte> WritableDataAt(int index) => _data.AsSpan(_dataOffsets[index], _entries[index].LengthBytes);
}
