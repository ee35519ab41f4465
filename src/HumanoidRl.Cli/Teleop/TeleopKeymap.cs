using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Teleop;

/// <summary>
/// Keyboard teleop: w/s forward/back, a/d left/right, q/e turn left/right (each press one step), 1 damping,
/// 2 stand up, 3 policy, 0 passive, space damping (and velocity zero), x e-stop, c clear fault, Esc quit.
/// Keeps the velocity the operator is asking for; the daemon clamps it and <see cref="Applied"/> takes its answer.
/// </summary>
public sealed class TeleopKeymap
{
    public const double VxStepMPerS = 0.1;
    public const double VyStepMPerS = 0.05;
    public const double YawStepRadPerS = 0.2;

    public const string Help =
        "w/s vx  a/d vy  q/e yaw  1 damping  2 stand up  3 policy  0 passive  space stop  x e-stop  c clear fault  Esc quit";

    public double VxMPerS { get; private set; }

    public double VyMPerS { get; private set; }

    public double YawRateRadPerS { get; private set; }

    public TeleopAction Press(char key) => char.ToLowerInvariant(key) switch
    {
        'w' => Step(VxStepMPerS, 0, 0),
        's' => Step(-VxStepMPerS, 0, 0),
        'a' => Step(0, VyStepMPerS, 0),
        'd' => Step(0, -VyStepMPerS, 0),
        'q' => Step(0, 0, YawStepRadPerS),
        'e' => Step(0, 0, -YawStepRadPerS),
        '1' => Mode(V1.Mode.Damping),
        '2' => Mode(V1.Mode.StandUp),
        '3' => Mode(V1.Mode.Policy),
        '0' => Mode(V1.Mode.Passive),
        ' ' => Stop(),
        'x' => Zeroed(new TeleopAction(TeleopActionKind.EStop)),
        'c' => new TeleopAction(TeleopActionKind.ClearFault),
        '\u001b' => Zeroed(new TeleopAction(TeleopActionKind.Quit)),
        _ => TeleopAction.None,
    };

    /// <summary>Takes the command the daemon actually applied (after clamping), so further steps start from it.</summary>
    public void Applied(V1.VelocityCommand applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        (VxMPerS, VyMPerS, YawRateRadPerS) = (applied.VxMPerS, applied.VyMPerS, applied.YawRateRadPerS);
    }

    private TeleopAction Step(double vx, double vy, double yaw)
    {
        // Rounded to the step so repeated presses come back to exactly 0.
        VxMPerS = Math.Round(VxMPerS + vx, 3);
        VyMPerS = Math.Round(VyMPerS + vy, 3);
        YawRateRadPerS = Math.Round(YawRateRadPerS + yaw, 3);
        return Velocity();
    }

    private TeleopAction Velocity() =>
        new(TeleopActionKind.SetVelocity, VxMPerS: VxMPerS, VyMPerS: VyMPerS, YawRateRadPerS: YawRateRadPerS);

    private static TeleopAction Mode(V1.Mode mode) => new(TeleopActionKind.SetMode, mode);

    private TeleopAction Stop() => Zeroed(new TeleopAction(TeleopActionKind.Stop, V1.Mode.Damping));

    private TeleopAction Zeroed(TeleopAction action)
    {
        (VxMPerS, VyMPerS, YawRateRadPerS) = (0, 0, 0);
        return action;
    }
}
