namespace HumanoidRl.Core.Config;

/// <summary>How a snake_case config key names the property it sets.</summary>
public static class ConfigKeyNames
{
    public static string PascalCase(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
