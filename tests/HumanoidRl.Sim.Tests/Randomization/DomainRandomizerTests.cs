using HumanoidRl.Core.Action;
using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Randomization;

public sealed class DomainRandomizerTests
{
    private static HumanoidEnvironment ResetWith(HumanoidTask task, int seed = 5)
    {
        var environment = new HumanoidEnvironment(task, seed);
        environment.Reset(new float[task.Layout.Size], new float[task.CriticObservationSize]);
        return environment;
    }

    [Fact]
    public void Payload_changes_the_total_mass_by_exactly_that_much()
    {
        using var task = TestTasks.Create(
            TestTasks.Balance(randomization: new RandomizationSpec { PayloadKg = new UniformRange(2.5, 2.5) }));
        using var environment = ResetWith(task);

        Assert.Equal(task.NominalModel.TotalMassKg + 2.5, environment.Model.TotalMassKg, precision: 9);
        Assert.Equal(2.5, environment.Drawn.PayloadKg);
    }

    [Fact]
    public void Reset_restores_the_nominal_model_before_resampling_so_scales_never_compound()
    {
        using var task = TestTasks.Create(
            TestTasks.Balance(randomization: new RandomizationSpec { LinkMassScale = new UniformRange(1.1, 1.1) }));
        using var environment = ResetWith(task);
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        for (var i = 0; i < 4; i++) environment.Reset(observation, critic);

        Assert.Equal(task.NominalModel.TotalMassKg * 1.1, environment.Model.TotalMassKg, precision: 9);
        Assert.Equal(1.1, environment.Drawn.TotalMassScale, precision: 12);
        // Derived constants follow the new masses (mj_setConst ran).
        Assert.Equal(environment.Model.TotalMassKg, environment.Model.BodySubtreeMass[0], precision: 9);
    }

    [Fact]
    public void Friction_applies_to_every_geom_and_is_resampled_per_episode()
    {
        using var task = TestTasks.Create(
            TestTasks.Balance(randomization: new RandomizationSpec { Friction = new UniformRange(0.3, 1.2) }));
        using var environment = ResetWith(task);
        var seen = new HashSet<double>();
        for (var i = 0; i < 5; i++)
        {
            environment.Reset(new float[task.Layout.Size], new float[task.CriticObservationSize]);
            var friction = environment.Model.GeomFriction;
            for (var geom = 0; geom < friction.Length / 3; geom++) Assert.Equal(environment.Drawn.Friction, friction[3 * geom]);
            Assert.InRange(environment.Drawn.Friction, 0.3, 1.2);
            seen.Add(environment.Drawn.Friction);
        }
        Assert.True(seen.Count > 1, "friction was not resampled between episodes");
    }

    [Fact]
    public void Low_friction_lets_the_same_push_slide_the_standing_robot_further()
    {
        double Slide(double friction)
        {
            var spec = new RandomizationSpec
            {
                Friction = new UniformRange(friction, friction),
                PushIntervalS = new UniformRange(0.1, 0.1),
                PushVelocityMPerS = new UniformRange(0.6, 0.6),
                PushDurationS = 0.2,
            };
            using var task = TestTasks.Create(TestTasks.Balance(ActionMode.PdTarget, spec));
            using var environment = ResetWith(task, seed: 11);
            var foot = 3 * environment.Model.IdOf(MjObject.Body, "left_foot");
            var (startX, startY) = (environment.Data.Xpos[foot], environment.Data.Xpos[foot + 1]);
            var action = new float[task.JointCount];
            for (var step = 0; step < 60; step++)
                environment.Step(action, new float[task.Layout.Size], new float[task.CriticObservationSize], out _, out _);
            return Math.Sqrt(Math.Pow(environment.Data.Xpos[foot] - startX, 2) + Math.Pow(environment.Data.Xpos[foot + 1] - startY, 2));
        }

        // The body sways under a push whatever the friction; only the feet slide, and only on a slippery floor.
        var slippery = Slide(0.01);
        var grippy = Slide(1.2);

        Assert.True(slippery > 4 * grippy, $"friction 0.01 slid the foot {slippery:F4} m, friction 1.2 {grippy:F4} m");
    }

    [Fact]
    public void Motor_strength_scales_the_torque_the_motors_deliver()
    {
        using var task = TestTasks.CreateWithoutSoftStart(TestTasks.Balance(
            randomization: new RandomizationSpec { MotorStrengthScale = new UniformRange(0.5, 0.5) }, decimation: 1));
        using var environment = ResetWith(task);
        var action = Enumerable.Repeat(0.4f, task.JointCount).ToArray();

        environment.Step(action, new float[task.Layout.Size], new float[task.CriticObservationSize], out _, out _);

        for (var j = 0; j < task.JointCount; j++)
            Assert.Equal(0.4f * task.TorqueLimitNm[j] * 0.5, environment.Data.Ctrl[task.Binding.ActuatorId[j]], precision: 5);
    }

    [Fact]
    public void Joint_damping_and_armature_scales_apply_to_the_policy_joints_from_nominal()
    {
        using var task = TestTasks.Create(TestTasks.Balance(randomization: new RandomizationSpec
        {
            JointDampingScale = new UniformRange(2, 2),
            ArmatureScale = new UniformRange(3, 3),
        }));
        using var environment = ResetWith(task);
        environment.Reset(new float[task.Layout.Size], new float[task.CriticObservationSize]);

        foreach (var dof in task.Binding.JointDofAdr)
        {
            Assert.Equal(2 * task.Nominal.DofDamping[dof], environment.Model.DofDamping[dof], precision: 12);
            Assert.Equal(3 * task.Nominal.DofArmature[dof], environment.Model.DofArmature[dof], precision: 12);
        }
    }

    [Fact]
    public void Pd_gain_scale_multiplies_the_pd_torque()
    {
        using var nominalTask = TestTasks.Create(TestTasks.Balance(ActionMode.PdTarget, decimation: 1));
        using var scaledTask = TestTasks.Create(TestTasks.Balance(
            ActionMode.PdTarget, new RandomizationSpec { PdGainScale = new UniformRange(0.5, 0.5) }, decimation: 1));
        using var nominal = ResetWith(nominalTask);
        using var scaled = ResetWith(scaledTask);
        var action = Enumerable.Repeat(0.1f, nominalTask.JointCount).ToArray();

        nominal.Step(action, new float[nominalTask.Layout.Size], new float[nominalTask.CriticObservationSize], out _, out _);
        scaled.Step(action, new float[scaledTask.Layout.Size], new float[scaledTask.CriticObservationSize], out _, out _);

        for (var j = 0; j < nominalTask.JointCount; j++)
        {
            var actuator = nominalTask.Binding.ActuatorId[j];
            var unclamped = Math.Abs(nominal.Data.Ctrl[actuator]) < nominalTask.TorqueLimitNm[j];
            if (unclamped) Assert.Equal(0.5 * nominal.Data.Ctrl[actuator], scaled.Data.Ctrl[actuator], precision: 9);
        }
    }

    [Fact]
    public void Pushes_change_the_base_velocity_by_the_drawn_amount()
    {
        var spec = new RandomizationSpec
        {
            PushIntervalS = new UniformRange(0.2, 0.2),
            PushVelocityMPerS = new UniformRange(0.5, 0.5),
            PushDurationS = 0.1,
        };
        using var task = TestTasks.Create(TestTasks.Balance(ActionMode.PdTarget, spec, decimation: 1));
        using var environment = ResetWith(task);
        var action = new float[task.JointCount];
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        double maxForce = 0;
        var vx0 = 0.0;
        var vy0 = 0.0;
        var pushStarted = false;
        for (var tick = 0; tick < 200; tick++)
        {
            environment.Step(action, observation, critic, out _, out _);
            var (fx, fy) = environment.PushForceN;
            var force = Math.Sqrt((fx * fx) + (fy * fy));
            if (force > 0 && !pushStarted)
            {
                pushStarted = true;
                vx0 = environment.Data.Qvel[0];
                vy0 = environment.Data.Qvel[1];
            }
            maxForce = Math.Max(maxForce, force);
            if (pushStarted && force == 0) break;
        }
        var dv = Math.Sqrt(Math.Pow(environment.Data.Qvel[0] - vx0, 2) + Math.Pow(environment.Data.Qvel[1] - vy0, 2));

        Assert.True(pushStarted, "no push within 0.4 s although the interval is 0.2 s");
        Assert.Equal(environment.Model.TotalMassKg * 0.5 / 0.1, maxForce, precision: 6);
        // The feet hold the ground, so the base keeps only part of the impulse, but it clearly moves.
        Assert.InRange(dv, 0.1, 0.6);
    }
}
