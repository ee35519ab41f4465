namespace HumanoidRl.Core.Config;

/// <summary>A setting whose value breaks its key's rule: the key, the value and what was expected.</summary>
public sealed record ConfigViolation(string Key, object? Value, string Expected)
{
    /// <summary>The key in PascalCase, the name of the property it sets (num_steps_per_env: NumStepsPerEnv).</summary>
    public string PropertyName => ConfigKeyNames.PascalCase(Key);
}
