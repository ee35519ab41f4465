namespace HumanoidRl.Core.Action;

/// <summary>
/// Maps normalized actions to joint torques, identically in training, in the simulator backend and on the
/// robot. Allocation-free; torques are always clamped to the per-joint limits.
/// </summary>
public sealed class ActionMapping
{
    private readonly double[] _torqueLimitNm;
    private readonly double[] _defaultAngleRad;
    private readonly double[] _kpNmPerRad;
    private readonly double[] _kdNmSPerRad;

    public ActionMapping(ActionMode mode, double actionScale, ReadOnlySpan<double> torqueLimitNm, ReadOnlySpan<double> defaultAngleRad,
        ReadOnlySpan<double> kpNmPerRad, ReadOnlySpan<double> kdNmSPerRad)
    {
        var joints = torqueLimitNm.Length;
        if (defaultAngleRad.Length != joints || kpNmPerRad.Length != joints || kdNmSPerRad.Length != joints)
            throw new ArgumentException($"per-joint arrays differ in length: torque limits {joints}, default pose " +
                $"{defaultAngleRad.Length}, kp {kpNmPerRad.Length}, kd {kdNmSPerRad.Length}");
        if (!(actionScale > 0)) throw new ArgumentOutOfRangeException(nameof(actionScale), actionScale, "action scale must be > 0");
        foreach (var limit in torqueLimitNm)
            if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(torqueLimitNm), limit, "torque limits must be > 0 N m");
        Mode = mode;
        ActionScale = actionScale;
        _torqueLimitNm = torqueLimitNm.ToArray();
        _defaultAngleRad = defaultAngleRad.ToArray();
        _kpNmPerRad = kpNmPerRad.ToArray();
        _kdNmSPerRad = kdNmSPerRad.ToArray();
    }

    public ActionMode Mode { get; }

    public double ActionScale { get; }

    public int JointCount => _torqueLimitNm.Length;

    public ReadOnlySpan<double> TorqueLimitNm => _torqueLimitNm;

    /// <summary>
    /// Limits a raw policy output to the normalized range [-1, 1]. Training clamps its action samples this way
    /// before the environment sees them, so the last-action observation a policy learned from never leaves that
    /// range; a deployed policy's mean can (a PD policy's often does), and feeding it back unclamped shows the
    /// network inputs it never saw. <paramref name="clamped"/> may be <paramref name="raw"/> itself.
    /// </summary>
    public static void ClampNormalized(ReadOnlySpan<float> raw, Span<float> clamped)
    {
        if (raw.Length != clamped.Length)
            throw new ArgumentException($"raw action has {raw.Length} values, the clamped buffer {clamped.Length}");
        for (var i = 0; i < raw.Length; i++) clamped[i] = System.Math.Clamp(raw[i], -1f, 1f);
    }

    /// <summary>
    /// Torques for one tick. Actions are clipped to [-1, 1]; in PD mode the gains are multiplied by
    /// gainScale when given (domain randomization of PD gains).
    /// </summary>
    public void ToTorques(ReadOnlySpan<float> action, ReadOnlySpan<double> jointPositionRad, ReadOnlySpan<double> jointVelocityRadPerS,
        Span<double> torqueNm, ReadOnlySpan<double> gainScale = default)
    {
        var joints = _torqueLimitNm.Length;
        if (action.Length != joints || torqueNm.Length != joints)
            throw new ArgumentException($"action has {action.Length} and torque buffer {torqueNm.Length} entries, expected {joints}");
        for (var j = 0; j < joints; j++)
        {
            var a = System.Math.Clamp((double)action[j], -1.0, 1.0);
            double tau;
            if (Mode == ActionMode.Torque)
            {
                tau = a * ActionScale * _torqueLimitNm[j];
            }
            else
            {
                var scale = gainScale.IsEmpty ? 1.0 : gainScale[j];
                var target = _defaultAngleRad[j] + a * ActionScale;
                tau = scale * PdLaw.TorqueNm(_kpNmPerRad[j], _kdNmSPerRad[j], target, jointPositionRad[j], jointVelocityRadPerS[j]);
            }
            torqueNm[j] = ClampTorque(j, tau);
        }
    }

    /// <summary>PD torques toward an arbitrary pose (stand-up interpolation, damping with Kp = 0).</summary>
    public void PdTowards(ReadOnlySpan<double> targetRad, ReadOnlySpan<double> kpNmPerRad, ReadOnlySpan<double> kdNmSPerRad,
        ReadOnlySpan<double> jointPositionRad, ReadOnlySpan<double> jointVelocityRadPerS, Span<double> torqueNm)
    {
        for (var j = 0; j < _torqueLimitNm.Length; j++)
            torqueNm[j] = ClampTorque(j, PdLaw.TorqueNm(kpNmPerRad[j], kdNmSPerRad[j], targetRad[j], jointPositionRad[j],
                jointVelocityRadPerS[j]));
    }

    private double ClampTorque(int joint, double tau) =>
        double.IsFinite(tau) ? System.Math.Clamp(tau, -_torqueLimitNm[joint], _torqueLimitNm[joint]) : 0.0;
}
