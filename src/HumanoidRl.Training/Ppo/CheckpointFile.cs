using System.Text;
using HumanoidRl.Core.Tasks;
using TorchSharp;

namespace HumanoidRl.Training.Ppo;

/// <summary>
/// Binary checkpoint of everything a resumed run needs to continue exactly: iteration, normalizers, actor-critic
/// weights, learning rate and Adam state, the generator state and (version 2) the command curriculum, with its
/// pending falls since version 3. The environment's own state is not included. Version 1 files (before the
/// curriculum) still load, and a curriculum then starts from its initial ranges; version 2 files restore no
/// pending falls.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "HumanoidRl.PpoCheckpoint"u8.ToArray();
    private const int FormatVersion = 3;
    private const int FirstVersionWithCurriculum = 2;
    private const int FirstVersionWithCurriculumFalls = 3;
    private const int OldestReadableVersion = 1;

    public static void Write(string path, OnPolicyRunner runner)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        // Same folder as the target so the rename is atomic; a crash leaves the old checkpoint intact.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    WriteContent(writer, runner);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static void Read(string path, OnPolicyRunner runner)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{fullPath}: checkpoint not found.", fullPath);
        using var stream = File.OpenRead(fullPath);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            ReadContent(reader, runner, fullPath);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{fullPath}: checkpoint is truncated.", e);
        }
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"{fullPath}: {stream.Length - stream.Position} unexpected bytes after the checkpoint content.");
    }

    private static void WriteContent(BinaryWriter writer, OnPolicyRunner runner)
    {
        var actorCritic = runner.ActorCritic;
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(actorCritic.ObservationSize);
        writer.Write(actorCritic.CriticObservationSize);
        writer.Write(actorCritic.ActionSize);
        WriteSizes(writer, actorCritic.Settings.ActorHiddenSizes);
        WriteSizes(writer, actorCritic.Settings.CriticHiddenSizes);
        writer.Write(runner.Iteration);
        writer.Write(runner.ObservationNormalizer is not null);
        runner.ObservationNormalizer?.Write(writer);
        runner.CriticObservationNormalizer?.Write(writer);
        actorCritic.save(writer);
        runner.Algorithm.Write(writer);
        using var generatorState = runner.Generator.get_state();
        generatorState.Save(writer);
        var curriculum = runner.CommandCurriculum;
        writer.Write(curriculum is not null);
        if (curriculum is null) return;
        writer.Write(curriculum.RangeFraction);
        writer.Write(curriculum.PendingTrackingPerS);
        writer.Write(curriculum.PendingEpisodes);
        writer.Write(curriculum.PendingFalls);
    }

    private static void ReadContent(BinaryReader reader, OnPolicyRunner runner, string path)
    {
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException(
                $"{path}: not a HumanoidRl PPO checkpoint (its first bytes are not '{Encoding.UTF8.GetString(Magic)}').");
        var version = reader.ReadInt32();
        if (version is < OldestReadableVersion or > FormatVersion)
            throw new InvalidDataException(
                $"{path}: checkpoint format version {version}, this build reads versions {OldestReadableVersion} to {FormatVersion}.");

        var actorCritic = runner.ActorCritic;
        Expect(path, "observation size", reader.ReadInt32(), actorCritic.ObservationSize);
        Expect(path, "critic observation size", reader.ReadInt32(), actorCritic.CriticObservationSize);
        Expect(path, "action size", reader.ReadInt32(), actorCritic.ActionSize);
        Expect(path, "actor hidden sizes", ReadSizes(reader), string.Join(",", actorCritic.Settings.ActorHiddenSizes));
        Expect(path, "critic hidden sizes", ReadSizes(reader), string.Join(",", actorCritic.Settings.CriticHiddenSizes));
        var iteration = reader.ReadInt32();
        if (iteration < 0) throw new InvalidDataException($"{path}: iteration {iteration}, expected >= 0.");

        var normalized = reader.ReadBoolean();
        Expect(path, "observation normalization", normalized, runner.Settings.NormalizeObservations);
        if (normalized)
        {
            var observationNormalizer = EmpiricalNormalizer.Read(reader, $"{path}: observation normalizer");
            var criticNormalizer = EmpiricalNormalizer.Read(reader, $"{path}: critic observation normalizer");
            Expect(path, "observation normalizer size", observationNormalizer.Size, actorCritic.ObservationSize);
            Expect(path, "critic observation normalizer size", criticNormalizer.Size, actorCritic.CriticObservationSize);
            runner.ObservationNormalizer = observationNormalizer;
            runner.CriticObservationNormalizer = criticNormalizer;
        }

        try
        {
            actorCritic.load(reader, strict: true);
        }
        catch (ArgumentException e)
        {
            // The sizes above matched, so what differs is the velocity head (ppo.velocity_estimation_coef).
            throw new InvalidDataException(
                $"{path}: its network's parameters differ from this run's ({e.Message}). This run's ppo.velocity_estimation_coef is "
                + $"{(actorCritic.VelocityEstimateSize > 0 ? "set (a velocity head)" : "0 (no velocity head)")}; "
                + "a checkpoint continues only under the setting it was trained with.", e);
        }
        runner.Algorithm.Read(reader);
        using var generatorState = TensorExtensionMethods.Load(reader);
        runner.Generator.set_state(generatorState);
        if (version >= FirstVersionWithCurriculum)
            ReadCurriculum(reader, runner.CommandCurriculum, path, withFalls: version >= FirstVersionWithCurriculumFalls);
        runner.Iteration = iteration;
    }

    /// <summary>
    /// A saved curriculum state goes back into the run's curriculum. A run without one skips it (exporting a
    /// checkpoint does not need it); a curriculum with nothing saved keeps its initial ranges.
    /// </summary>
    private static void ReadCurriculum(BinaryReader reader, CommandCurriculum? curriculum, string path, bool withFalls)
    {
        if (!reader.ReadBoolean()) return;
        var rangeFraction = reader.ReadDouble();
        var pendingTrackingPerS = reader.ReadDouble();
        var pendingEpisodes = reader.ReadInt32();
        var pendingFalls = withFalls ? reader.ReadInt32() : 0;
        try
        {
            curriculum?.Restore(rangeFraction, pendingTrackingPerS, pendingEpisodes, pendingFalls);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}.", e);
        }
    }

    private static void WriteSizes(BinaryWriter writer, IReadOnlyList<int> sizes)
    {
        writer.Write(sizes.Count);
        foreach (var size in sizes) writer.Write(size);
    }

    private static string ReadSizes(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 1024) throw new InvalidDataException($"implausible hidden layer count {count}");
        var sizes = new int[count];
        for (var i = 0; i < count; i++) sizes[i] = reader.ReadInt32();
        return string.Join(",", sizes);
    }

    private static void Expect<T>(string path, string what, T found, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(found, expected))
            throw new InvalidDataException($"{path}: checkpoint {what} is {found}, this run expects {expected}.");
    }
}
