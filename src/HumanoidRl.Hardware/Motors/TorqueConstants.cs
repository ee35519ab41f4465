using System.Collections.Immutable;
using HumanoidRl.Core.Robot;

namespace HumanoidRl.Hardware.Motors;

/// <summary>
/// Torque constant (N m per A) of each joint's motor: the given per-model value, else the catalog's. The robot
/// config has no field for it yet, so callers pass the figures for models the catalog does not know.
/// </summary>
public static class TorqueConstants
{
    /// <summary>Per joint in policy order; throws naming every joint whose motor has no known constant.</summary>
    public static double[] Resolve(RobotConfig config, IReadOnlyDictionary<string, double>? perModelNmPerA)
    {
        ArgumentNullException.ThrowIfNull(config);
        var overrides = perModelNmPerA ?? ImmutableDictionary<string, double>.Empty;
        foreach (var (model, value) in overrides)
        {
            if (!(value > 0)) throw new ArgumentException($"torque constant of {model} must be > 0 N m/A, got {value}", nameof(perModelNmPerA));
        }
        var constants = new double[config.JointCount];
        var missing = new List<string>();
        for (var joint = 0; joint < config.JointCount; joint++)
        {
            var motor = config.Joints[joint].Motor;
            var known = overrides.FirstOrDefault(pair => string.Equals(pair.Key, motor, StringComparison.OrdinalIgnoreCase)).Value;
            if (known > 0)
            {
                constants[joint] = known;
            }
            else if (MotorModelCatalog.Get(motor).TorqueConstantNmPerA is { } catalog)
            {
                constants[joint] = catalog;
            }
            else
            {
                missing.Add($"joints[{joint}] {config.Joints[joint].Name} ({motor})");
            }
        }
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"{config.SourcePath}: no torque constant (N m/A) for {string.Join(", ", missing)}: the motor catalog has none for these models " +
                "and the robot config has no motors[].torque_constant_nm_per_a field yet; pass one per model (e.g. --torque-constant PH54-200-S500=2.0)",
                nameof(perModelNmPerA));
        }
        return constants;
    }

    /// <summary>Parses "MODEL=NM_PER_A" entries (command-line form).</summary>
    public static Dictionary<string, double> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !(value > 0))
            {
                throw new ArgumentException($"torque constant '{entry}': expected MODEL=NM_PER_A with a positive number, e.g. PH54-200-S500=2.0", nameof(entries));
            }
            _ = MotorModelCatalog.Get(parts[0]);
            result[parts[0]] = value;
        }
        return result;
    }
}
