using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Tasks;

/// <summary>Network shape of the actor-critic: hidden layer sizes (ELU) and the initial action noise.</summary>
public sealed record ActorCriticSettings
{
    public IReadOnlyList<int> ActorHiddenSizes { get; init; } = [512, 256, 128];

    public IReadOnlyList<int> CriticHiddenSizes { get; init; } = [512, 256, 128];

    /// <summary>Standard deviation of the Gaussian policy before training, in normalized action units.</summary>
    public double InitialActionStd { get; init; } = 1.0;

    public void Validate()
    {
        ValidateSizes(ActorHiddenSizes, nameof(ActorHiddenSizes));
        ValidateSizes(CriticHiddenSizes, nameof(CriticHiddenSizes));
        if (TaskFileSections.Policy.Violations(this).FirstOrDefault() is { } violation)
        {
            throw new ArgumentOutOfRangeException(violation.PropertyName, violation.Value,
                $"Policy setting {violation.PropertyName} = {ConfigDiagnostics.Describe(violation.Value)}: expected {violation.Expected}.");
        }
    }

    private static void ValidateSizes(IReadOnlyList<int> sizes, string field)
    {
        if (sizes is null || sizes.Count == 0)
            throw new ArgumentException($"Policy setting {field}: expected at least one hidden layer size.", field);
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1)
                throw new ArgumentOutOfRangeException(field, sizes[i], $"Policy setting {field}[{i}] = {sizes[i]}: expected >= 1.");
        }
    }
}
