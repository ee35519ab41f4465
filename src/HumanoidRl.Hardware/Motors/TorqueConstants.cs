using System.Collections.Immutable;
using HumanoidRl.Core.Robot;

namespace HumanoidRl.Hardware.Motors;

/// <summary>
/// Torque constant (N m per A) of each joint's motor: the robot config's motors[].torque_constant_nm_per_a,
/// unless a per-model override is given (bench calibration, command line).
/// </summary>
public static class TorqueConstants
{
    /// <summary>Per joint in policy order.</summary>
    public static double[] Resolve(RobotConfig config, IReadOnlyDictionary<string, double>? perModelNmPerA)
    {
        ArgumentNullException.ThrowIfNull(config);
        var overrides = perModelNmPerA ?? ImmutableDictionary<string, double>.Empty;
        foreach (var (model, value) in overrides)
        {
            if (!(value > 0))
                throw new ArgumentException($"torque constant of {model} must be > 0 N m/A, got {value}", nameof(perModelNmPerA));
        }
        var constants = new double[config.JointCount];
        for (var joint = 0; joint < config.JointCount; joint++)
        {
            var motor = config.Joints[joint].Motor;
            var overridden = overrides.FirstOrDefault(pair => string.Equals(pair.Key, motor, StringComparison.OrdinalIgnoreCase)).Value;
            constants[joint] = overridden > 0 ? overridden : config.Motors.Single(spec => spec.Model == motor).TorqueConstantNmPerA;
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
            if (parts.Length != 2
                || !double.TryParse(
                    parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || !(value > 0))
            {
                throw new ArgumentException(
                    $"torque constant '{entry}': expected MODEL=NM_PER_A with a positive number, e.g. PH54-200-S500=2.0", nameof(entries));
            }
            _ = MotorModelCatalog.Get(parts[0]);
            result[parts[0]] = value;
        }
        return result;
    }
}
