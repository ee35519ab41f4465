using HumanoidRl.Core.Action;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Safety;

/// <summary>
/// Always-on checks and limits between the controller and the backend, whatever the mode and backend:
/// fall, stale data, backend failures, non-finite policy output, torque and joint-limit clamping, soft start.
/// Allocation-free; owned by the loop thread.
/// </summary>
public sealed class SafetyLayer
{
    private readonly SafetyThresholds _limits;
    private readonly double[] _jointLowerRad;
    private readonly double[] _jointUpperRad;
    private readonly double[] _torqueLimitNm;
    private int _consecutiveBackendErrors;

    public SafetyLayer(
        SafetyThresholds limits, ReadOnlySpan<double> jointLowerRad, ReadOnlySpan<double> jointUpperRad, ReadOnlySpan<double> torqueLimitNm)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (jointLowerRad.Length != jointUpperRad.Length || jointLowerRad.Length != torqueLimitNm.Length)
            throw new ArgumentException("joint limit and torque limit arrays differ in length");
        _limits = limits;
        _jointLowerRad = jointLowerRad.ToArray();
        _jointUpperRad = jointUpperRad.ToArray();
        _torqueLimitNm = torqueLimitNm.ToArray();
    }

    public SafetyThresholds Limits => _limits;

    /// <summary>Fall (roll/pitch from the IMU, height where known) and stale data checks.</summary>
    public bool CheckSensors(SensorFrame frame, double rollRad, double pitchRad, double baseHeightM, long nowNs, out FaultEvent fault)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var ageNs = nowNs - frame.TimestampNs;
        if (ageNs > _limits.MaxSensorAgeNs)
            return Raise(new FaultEvent(FaultKind.StaleSensors, ageNs, _limits.MaxSensorAgeNs, -1, nowNs), out fault);
        if (!(Math.Abs(rollRad) <= _limits.FallRollRad))
            return Raise(new FaultEvent(FaultKind.Fall, Math.Abs(rollRad), _limits.FallRollRad, 0, nowNs), out fault);
        if (!(Math.Abs(pitchRad) <= _limits.FallPitchRad))
            return Raise(new FaultEvent(FaultKind.Fall, Math.Abs(pitchRad), _limits.FallPitchRad, 1, nowNs), out fault);
        if (baseHeightM < _limits.MinBaseHeightM)
            return Raise(new FaultEvent(FaultKind.Fall, baseHeightM, _limits.MinBaseHeightM, 2, nowNs), out fault);
        fault = default;
        return false;
    }

    /// <summary>Counts consecutive backend failures; a fault once they exceed the configured bound.</summary>
    public bool CheckBackend(bool succeeded, long nowNs, out FaultEvent fault)
    {
        _consecutiveBackendErrors = succeeded ? 0 : _consecutiveBackendErrors + 1;
        if (_consecutiveBackendErrors > _limits.MaxConsecutiveBackendErrors)
        {
            var failure = new FaultEvent(
                FaultKind.BackendFailure, _consecutiveBackendErrors, _limits.MaxConsecutiveBackendErrors, -1, nowNs);
            return Raise(failure, out fault);
        }
        fault = default;
        return false;
    }

    public static bool CheckPolicyOutput(ReadOnlySpan<float> action, long nowNs, out FaultEvent fault)
    {
        for (var i = 0; i < action.Length; i++)
        {
            if (!float.IsFinite(action[i]))
                return Raise(new FaultEvent(FaultKind.PolicyNotFinite, action[i], double.NaN, i, nowNs), out fault);
        }
        fault = default;
        return false;
    }

    /// <summary>
    /// Clamps to the torque limits, zeroes non-finite torques, and removes any torque that would push a
    /// joint further past its position limit.
    /// </summary>
    public void Clamp(Span<double> torqueNm, ReadOnlySpan<double> jointPositionRad)
    {
        for (var j = 0; j < torqueNm.Length; j++)
        {
            var tau = double.IsFinite(torqueNm[j]) ? Math.Clamp(torqueNm[j], -_torqueLimitNm[j], _torqueLimitNm[j]) : 0.0;
            if (jointPositionRad[j] >= _jointUpperRad[j] && tau > 0) tau = 0;
            if (jointPositionRad[j] <= _jointLowerRad[j] && tau < 0) tau = 0;
            torqueNm[j] = tau;
        }
    }

    /// <summary>Weight of the policy's torques (against the stand-up hold) after this long in Policy mode.</summary>
    public double SoftStartWeight(double secondsInPolicy) => SoftStart.Weight(secondsInPolicy, _limits.SoftStartS);

    public void ResetBackendErrors() => _consecutiveBackendErrors = 0;

    private static bool Raise(FaultEvent raised, out FaultEvent fault)
    {
        fault = raised;
        return true;
    }
}
