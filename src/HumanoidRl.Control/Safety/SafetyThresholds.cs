namespace HumanoidRl.Control.Safety;

/// <summary>Thresholds of the safety layer; from the robot config.</summary>
/// <param name="FallRollRad">|roll| beyond this is a fall.</param>
/// <param name="FallPitchRad">|pitch| beyond this is a fall.</param>
/// <param name="MinBaseHeightM">Base height below this is a fall, where the backend measures height (simulator).</param>
/// <param name="MaxSensorAgeNs">Sensor frames older than this are stale.</param>
/// <param name="MaxConsecutiveBackendErrors">Failures in a row tolerated before a backend fault.</param>
/// <param name="SoftStartS">Time over which the policy's torques blend in after entering Policy.</param>
public sealed record SafetyThresholds(
    double FallRollRad,
    double FallPitchRad,
    double MinBaseHeightM,
    long MaxSensorAgeNs,
    int MaxConsecutiveBackendErrors,
    double SoftStartS);
