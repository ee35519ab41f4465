using System.Security.Cryptography;
using System.Text.Json;

namespace HumanoidRl.Training.Runs;

/// <summary>
/// run.json: what a training run was started from, so it can be reproduced and resumed. Config files are
/// referenced by path and fingerprinted; a resume refuses configs that changed since.
/// </summary>
public sealed record RunManifest
{
    public const string FileName = "run.json";

    public required string TaskFile { get; init; }
    public required string TaskFileSha256 { get; init; }
    public required string RobotConfigFile { get; init; }
    public required string RobotConfigSha256 { get; init; }
    public required long Seed { get; init; }
    public required int Environments { get; init; }
    public required int TargetIterations { get; init; }
    public double? BudgetMinutes { get; init; }
    public required string SourceRevision { get; init; }
    public required string StartedUtc { get; init; }
    public required string CommandLine { get; init; }
    public required string Machine { get; init; }

    /// <summary>The checkpoint or exported policy this run started from (train --init-from), or null for a run from scratch.</summary>
    public string? InitializedFrom { get; init; }
    public string? InitializedFromSha256 { get; init; }

    /// <summary>Updates before this iteration train the critic alone (train --critic-warmup); a resume keeps to it.</summary>
    public int CriticOnlyBeforeIteration { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string runFolder) =>
        AtomicFile.WriteAllText(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(this, Json));

    public static RunManifest Read(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not a training run folder (no {FileName})", path);
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path}: empty run manifest");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: malformed run manifest: {error.Message}", error);
        }
    }

    /// <summary>Throws naming the file when a config changed since the run started.</summary>
    public void VerifyConfigsUnchanged()
    {
        Check(TaskFile, TaskFileSha256);
        Check(RobotConfigFile, RobotConfigSha256);
    }

    public static string Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void Check(string path, string expected)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: this run's config file is gone; restore it to resume", path);
        var actual = Fingerprint(path);
        if (actual != expected)
            throw new InvalidDataException(
                $"{path}: changed since the run started (sha256 {actual[..12]}, run has {expected[..12]}); restore it or start a new run");
    }
}
