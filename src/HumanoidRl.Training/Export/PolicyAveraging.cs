using System.Globalization;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Training.Export;

/// <summary>One exported policy to average: where it came from (named in errors and in the result) and its content.</summary>
public sealed record AveragingMember(string Path, string Sha256, OnnxPolicyFile Policy);

/// <summary>
/// Averages the weights of exported policies with one contract and one network shape: a model soup of runs
/// fine-tuned from a common parent, or weight averaging over one run's later checkpoints. Policies that did not
/// start from one parent sit in different basins, and their average is no policy at all; this cannot tell, so the
/// result must be evaluated like any other policy.
/// </summary>
public static class PolicyAveraging
{
    /// <summary>Metadata key listing the averaged files by name and SHA-256, so a model card can name its members.</summary>
    public const string AveragedFromKey = "averaged_from";

    private const string TrainingRunKey = "training_run";

    /// <summary>Metadata that describes a member's training, not what its weights mean; the rest must match exactly.</summary>
    private static readonly HashSet<string> PerMemberKeys = [TrainingRunKey, PolicyExport.TrainingActionStdKey, AveragedFromKey];

    public static OnnxPolicyFile Average(IReadOnlyList<AveragingMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2) throw new InvalidDataException($"averaging needs at least two policies, got {members.Count}");
        foreach (var member in members) _ = PolicyContract.FromMetadata(member.Policy.Metadata, member.Path);
        var first = members[0];
        foreach (var member in members.Skip(1))
        {
            VerifySameContract(first, member);
            VerifySameShape(first, member);
        }

        var mean = AverageOf(members, m => m.Policy.Weights.ObservationMean);
        var std = AverageOf(members, m => m.Policy.Weights.ObservationStd);
        var reexpressed = members.Select(m => OnNormalizer(m.Policy.Weights, mean, std)).ToList();
        var layers = first.Policy.Weights.Layers
            .Select((layer, index) => layer with
            {
                Weight = AverageOf(reexpressed, r => r[index].Weight),
                Bias = AverageOf(reexpressed, r => r[index].Bias),
            })
            .ToList();
        var weights = new MlpPolicyWeights(mean, std, first.Policy.Weights.ObservationClip, layers);
        weights.Validate();
        return new OnnxPolicyFile(weights, Metadata(members));
    }

    /// <summary>
    /// The member's layers with the first one rewritten to read inputs normalized by <paramref name="mean"/> and
    /// <paramref name="std"/> instead of its own normalizer, so every member's first layer reads the same inputs
    /// before they are averaged. Exact wherever neither normalization reaches the clip.
    /// </summary>
    private static List<DenseLayer> OnNormalizer(MlpPolicyWeights policy, float[] mean, float[] std)
    {
        // The member saw x_i = (o - m_i) / s_i = (s / s_i) x + (m - m_i) / s_i, where x = (o - m) / s.
        var layer = policy.Layers[0];
        var weight = new float[layer.Weight.Length];
        var bias = new float[layer.OutputSize];
        for (var output = 0; output < layer.OutputSize; output++)
        {
            double shift = layer.Bias[output];
            for (var input = 0; input < layer.InputSize; input++)
            {
                var w = (double)layer.Weight[(output * layer.InputSize) + input];
                var ownStd = (double)policy.ObservationStd[input];
                weight[(output * layer.InputSize) + input] = (float)(w * std[input] / ownStd);
                shift += w * (mean[input] - (double)policy.ObservationMean[input]) / ownStd;
            }
            bias[output] = (float)shift;
        }
        return [layer with { Weight = weight, Bias = bias }, .. policy.Layers.Skip(1)];
    }

    private static float[] AverageOf<T>(IReadOnlyList<T> items, Func<T, float[]> values)
    {
        var sum = new double[values(items[0]).Length];
        foreach (var item in items)
        {
            var v = values(item);
            for (var i = 0; i < sum.Length; i++) sum[i] += v[i];
        }
        return [.. sum.Select(s => (float)(s / items.Count))];
    }

    private static void VerifySameContract(AveragingMember reference, AveragingMember member)
    {
        var keys = reference.Policy.Metadata.Keys.Union(member.Policy.Metadata.Keys)
            .Where(k => !PerMemberKeys.Contains(k))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var expected = reference.Policy.Metadata.GetValueOrDefault(key);
            var found = member.Policy.Metadata.GetValueOrDefault(key);
            if (expected == found) continue;
            throw new InvalidDataException(
                $"{member.Path}: metadata '{key}' is {Describe(found)} where {reference.Path} has {Describe(expected)}: " +
                "only policies with one contract can be averaged");
        }
    }

    private static string Describe(string? value) => value is null ? "missing" : $"'{value}'";

    private static void VerifySameShape(AveragingMember reference, AveragingMember member)
    {
        var (expected, found) = (reference.Policy.Weights, member.Policy.Weights);
        if (found.Layers.Count != expected.Layers.Count)
            throw new InvalidDataException(
                $"{member.Path}: {found.Layers.Count} layers where {reference.Path} has {expected.Layers.Count}: " +
                "only networks of one shape can be averaged");
        for (var i = 0; i < expected.Layers.Count; i++)
        {
            if (found.Layers[i].InputSize != expected.Layers[i].InputSize || found.Layers[i].OutputSize != expected.Layers[i].OutputSize)
                throw new InvalidDataException(
                    $"{member.Path}: layer {i} maps {found.Layers[i].InputSize} -> {found.Layers[i].OutputSize} " +
                    $"where {reference.Path} maps {expected.Layers[i].InputSize} -> {expected.Layers[i].OutputSize}: " +
                    "only networks of one shape can be averaged");
        }
        if (found.ObservationClip != expected.ObservationClip)
            throw new InvalidDataException(
                $"{member.Path}: observation clip {found.ObservationClip.ToString(CultureInfo.InvariantCulture)} " +
                $"where {reference.Path} has {expected.ObservationClip.ToString(CultureInfo.InvariantCulture)}: " +
                "only policies with one normalizer clip can be averaged");
    }

    private static Dictionary<string, string> Metadata(IReadOnlyList<AveragingMember> members)
    {
        var metadata = members[0].Policy.Metadata
            .Where(kv => !PerMemberKeys.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var runs = members.Select(m => m.Policy.Metadata.GetValueOrDefault(TrainingRunKey, ""))
            .Where(r => r.Length > 0)
            .Distinct(StringComparer.Ordinal);
        metadata[TrainingRunKey] = $"average of {members.Count}: {string.Join(", ", runs)}";
        metadata[AveragedFromKey] = string.Join("; ", members.Select(m => $"{System.IO.Path.GetFileName(m.Path)} sha256:{m.Sha256}"));
        // A run that takes the average over explores with the members' mean std; without every member's, with none.
        var actionSize = members[0].Policy.Weights.ActionSize;
        var stds = members.Select(m => PolicyExport.TrainingActionStd(m.Policy.Metadata, actionSize, m.Path)).ToList();
        if (stds.All(s => s is not null))
            metadata[PolicyExport.TrainingActionStdKey] =
                string.Join(',', AverageOf(stds, s => s!).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return metadata;
    }
}
