using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

/// <summary>Contact sorting on the shipped model, posed by hand and evaluated with mj_forward.</summary>
public sealed class GroundContactsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-contacts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void SetJoint(MjModel model, MjData data, string joint, double angleRad) =>
        data.Qpos[model.JntQposAdr[model.IdOf(MjObject.Joint, joint)]] = angleRad;

    private static (int Collisions, bool[] FootOnGround) Classify(MjModel model, MjData data)
    {
        var contacts = GroundContacts.Resolve(model, TestTasks.FootBodies, "test-task");
        var footOnGround = new bool[contacts.FootCount];
        data.Forward();
        return (contacts.Classify(data, footOnGround), footOnGround);
    }

    /// <summary>
    /// Kneels on the left knee: hip straight, knee bent a right angle (shin horizontal behind), pelvis lowered so
    /// the knee capsule (radius 3 cm) sinks 1 cm into the floor; the right leg is folded up out of the way.
    /// </summary>
    private static void KneelOnLeftKnee(MjModel model, MjData data)
    {
        data.ResetToKeyframe("stand");
        foreach (var joint in new[] { "left_hip_pitch", "left_knee", "left_ankle_pitch" }) SetJoint(model, data, joint, 0);
        SetJoint(model, data, "left_knee", Math.PI / 2);
        SetJoint(model, data, "right_hip_pitch", -1.5);
        SetJoint(model, data, "right_knee", 0.5);
        // Pelvis to knee: hip yaw link 6 cm, hip roll link 4 cm, thigh 25 cm.
        data.Qpos[2] = 0.35 + 0.02;
    }

    [Fact]
    public void Standing_on_both_feet_puts_both_on_the_ground_without_collisions()
    {
        using var model = MjModel.LoadXml(TestTasks.ModelPath);
        using var data = new MjData(model);
        data.ResetToKeyframe("stand");
        data.Qpos[2] -= 0.002; // soles 2 mm into the floor, as the robot settles under its weight

        var (collisions, footOnGround) = Classify(model, data);

        Assert.Equal(0, collisions);
        Assert.Equal([true, true], footOnGround);
    }

    [Fact]
    public void A_foot_pressed_into_the_other_foot_is_a_collision()
    {
        using var model = MjModel.LoadXml(TestTasks.ModelPath);
        using var data = new MjData(model);
        data.ResetToKeyframe("stand");
        // Rolling the left hip in by 0.1 rad swings the left foot ~5 cm towards the right one; the soles
        // (9 cm wide, 12 cm apart) then overlap by ~2 cm.
        SetJoint(model, data, "left_hip_roll", -0.1);

        var (collisions, _) = Classify(model, data);

        Assert.True(collisions > 0, "foot-on-foot contact was not counted");
    }

    [Fact]
    public void A_knee_on_the_ground_is_a_collision_once_the_model_lets_the_legs_touch_the_floor()
    {
        // sim/humanoid16.xml lets only the feet collide; this is the same model with every other geom allowed
        // to touch the floor (contype 2, which the floor's conaffinity 3 accepts) and still not each other.
        var mjcf = File.ReadAllText(TestTasks.ModelPath);
        var variant = mjcf
            .Replace("<geom contype=\"0\" conaffinity=\"0\" material=\"shell\"/>",
                "<geom contype=\"2\" conaffinity=\"0\" material=\"shell\"/>", StringComparison.Ordinal)
            .Replace("contype=\"1\" conaffinity=\"1\"/>", "contype=\"1\" conaffinity=\"3\"/>", StringComparison.Ordinal);
        Assert.NotEqual(mjcf, variant);
        var path = Path.Combine(_folder, "humanoid16-body-collisions.xml");
        File.WriteAllText(path, variant);
        using var model = MjModel.LoadXml(path);
        using var data = new MjData(model);
        KneelOnLeftKnee(model, data);

        var (collisions, _) = Classify(model, data);

        Assert.True(collisions > 0, "the knee on the floor was not counted");
    }

    [Fact]
    public void The_shipped_model_produces_no_knee_contact_to_count()
    {
        // Documents the limit of the shipped model: its shins have contype 0, so a knee on the floor makes no
        // MuJoCo contact and the collision term cannot see it until the model lets the legs touch the floor.
        using var model = MjModel.LoadXml(TestTasks.ModelPath);
        using var data = new MjData(model);
        KneelOnLeftKnee(model, data);

        var (collisions, _) = Classify(model, data);

        Assert.Equal(0, collisions);
    }

    [Fact]
    public void Unknown_foot_bodies_are_named_with_the_task_and_the_model()
    {
        using var model = MjModel.LoadXml(TestTasks.ModelPath);

        var error = Assert.Throws<InvalidDataException>(() => GroundContacts.Resolve(model, ["left_foot", "left_hoof"], "walk.yaml"));

        Assert.Contains("walk.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("rewards.foot_bodies[1]: body 'left_hoof' is not in the model", error.Message, StringComparison.Ordinal);
        Assert.Contains("humanoid16.xml", error.Message, StringComparison.Ordinal);
    }
}
