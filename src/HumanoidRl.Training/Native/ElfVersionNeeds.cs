using System.Buffers.Binary;
using System.Text;

namespace HumanoidRl.Training.Native;

/// <summary>
/// Reads and rewrites the symbol version requirements (.gnu.version_r) and DT_NEEDED entries of a
/// little-endian ELF64 shared object held in memory.
/// </summary>
internal sealed class ElfVersionNeeds
{
    private const uint ShtDynamic = 6;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const long DtNull = 0;
    private const long DtNeeded = 1;

    private readonly byte[] _image;

    /// <summary>One Vernaux entry: a required version, its ELF hash, and where its fields live in the image.</summary>
    internal readonly record struct Requirement(string File, string Version, uint Hash, int AuxOffset, int NameOffset);

    public ElfVersionNeeds(byte[] image, string sourceName)
    {
        _image = image;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new InvalidDataException($"{sourceName}: not an ELF file.");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"{sourceName}: expected a little-endian ELF64 file (class {image[4]}, data {image[5]}).");
        SourceName = sourceName;
    }

    public string SourceName { get; }

    /// <summary>Every (library, version) pair the object requires, in file order.</summary>
    public IReadOnlyList<Requirement> Requirements()
    {
        var result = new List<Requirement>();
        foreach (var section in Sections())
        {
            if (section.Type != ShtGnuVerneed) continue;
            var strtab = SectionAt(section.Link);
            var needOffset = checked((int)section.Offset);
            for (var i = 0; i < (int)section.Info; i++)
            {
                var count = U16(needOffset + 2);
                var file = CString(strtab.Offset + U32(needOffset + 4));
                var auxOffset = needOffset + (int)U32(needOffset + 8);
                for (var j = 0; j < count; j++)
                {
                    var nameOffset = checked((int)(strtab.Offset + U32(auxOffset + 8)));
                    result.Add(new Requirement(file, CString((ulong)nameOffset), U32(auxOffset), auxOffset, nameOffset));
                    auxOffset += (int)U32(auxOffset + 12);
                }
                var next = U32(needOffset + 12);
                if (next == 0) break;
                needOffset += (int)next;
            }
        }
        return result;
    }

    /// <summary>DT_NEEDED library names, in file order.</summary>
    public IReadOnlyList<string> NeededLibraries()
    {
        var result = new List<string>();
        foreach (var section in Sections())
        {
            if (section.Type != ShtDynamic) continue;
            var strtab = SectionAt(section.Link);
            for (var entry = (int)section.Offset; entry + 16 <= (int)(section.Offset + section.Size); entry += 16)
            {
                var tag = BinaryPrimitives.ReadInt64LittleEndian(_image.AsSpan(entry));
                if (tag == DtNull) break;
                if (tag == DtNeeded)
                    result.Add(CString(strtab.Offset + BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(entry + 8))));
            }
        }
        return result;
    }

    /// <summary>
    /// Renames one required version in place (same length only, so no offsets move) and updates the
    /// ELF hash the dynamic loader compares. Returns false when no requirement has that name.
    /// </summary>
    public bool RenameRequirement(string from, string to)
    {
        if (from.Length != to.Length)
            throw new ArgumentException($"Version names must have the same length ('{from}' vs '{to}').", nameof(to));
        var found = false;
        foreach (var requirement in Requirements())
        {
            if (requirement.Version != from) continue;
            Encoding.ASCII.GetBytes(to).CopyTo(_image, requirement.NameOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(_image.AsSpan(requirement.AuxOffset), ElfHash(to));
            found = true;
        }
        return found;
    }

    /// <summary>The SysV ELF hash (the vna_hash field of a Vernaux entry).</summary>
    internal static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    private IEnumerable<Section> Sections()
    {
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(0x28));
        var shentsize = U16(0x3a);
        var shnum = U16(0x3c);
        if (shoff == 0 || shnum == 0 || shoff + (ulong)(shentsize * shnum) > (ulong)_image.Length)
            throw new InvalidDataException($"{SourceName}: section header table missing or truncated.");
        for (var i = 0; i < shnum; i++) yield return SectionAt((uint)i);
    }

    private Section SectionAt(uint index)
    {
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(0x28));
        var header = shoff + (int)index * U16(0x3a);
        return new Section(
            Type: U32(header + 4),
            Offset: BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(header + 24)),
            Size: BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(header + 32)),
            Link: U32(header + 40),
            Info: U32(header + 44));
    }

    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_image.AsSpan(offset));

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_image.AsSpan(offset));

    private string CString(ulong offset)
    {
        var start = checked((int)offset);
        var end = Array.IndexOf(_image, (byte)0, start);
        if (end < 0) throw new InvalidDataException($"{SourceName}: unterminated string at offset {start}.");
        return Encoding.ASCII.GetString(_image, start, end - start);
    }
}
