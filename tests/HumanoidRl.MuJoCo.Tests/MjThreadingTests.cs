namespace HumanoidRl.MuJoCo.Tests;

/// <summary>Separate (model copy, data) pairs stepped on separate threads do not disturb each other.</summary>
public sealed class MjThreadingTests : IDisposable
{
    private const int Steps = 2000;

    private readonly TempModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Pairs_stepped_concurrently_end_bit_identical_to_the_same_pairs_stepped_alone()
    {
        using var original = _folder.Load("robot.xml", TestModels.Robot);
        double[] arm = [0.4, 1.2, 2.0, 2.8]; // a different randomized arm mass per environment
        var alone = arm.Select(mass => Simulate(original, mass)).ToArray();

        var concurrent = new double[arm.Length][];
        var threads = arm.Select((mass, env) => new Thread(() => concurrent[env] = Simulate(original, mass))).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        for (var env = 0; env < arm.Length; env++) Assert.Equal(alone[env], concurrent[env]);
        Assert.NotEqual(alone[0], alone[^1]); // the environments really differ
    }

    /// <summary>Copies the model, randomizes it, drops the robot onto the floor with the motor on; returns qpos.</summary>
    private static double[] Simulate(MjModel original, double armMassKg)
    {
        using var model = original.Copy();
        using var data = new MjData(model);
        model.BodyMass[model.IdOf(MjObject.Body, "arm")] = armMassKg;
        model.SetConst(data);
        data.Reset();
        for (var i = 0; i < Steps; i++)
        {
            data.Ctrl[0] = Math.Sin(i * 0.01);
            data.Step();
        }
        return data.Qpos.ToArray();
    }
}
