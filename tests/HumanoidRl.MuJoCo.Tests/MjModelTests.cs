using HumanoidRl.MuJoCo;

namespace HumanoidRl.MuJoCo.Tests;

public sealed class MjModelTests : IDisposable
{
    private const string PendulumXml = """
        <mujoco model="pendulum">
          <option timestep="0.002" gravity="0 0 -9.81"/>
          <worldbody>
            <body name="pole" pos="0 0 1">
              <joint name="hinge" type="hinge" axis="0 1 0"/>
              <geom type="capsule" fromto="0 0 0 0 0 0.5" size="0.02" mass="1"/>
            </body>
          </worldbody>
        </mujoco>
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-mujoco-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Library_reports_version_222()
    {
        Assert.Equal(MuJoCoLibrary.ExpectedVersion, MuJoCoLibrary.Version);
    }

    [Fact]
    public void Loaded_pendulum_advances_time_and_falls_under_gravity_when_stepped()
    {
        using var model = MjModel.LoadXml(Write("pendulum.xml", PendulumXml));
        using var data = new MjData(model);
        Assert.Equal(1, model.Nq);
        Assert.Equal(0.002, model.TimestepS);

        data.Qpos[0] = 0.1; // tilt the upright pole so gravity pulls it over
        for (var i = 0; i < 500; i++) data.Step();

        Assert.Equal(1.0, data.TimeS, precision: 9);
        Assert.True(data.Qpos[0] > 0.5, $"pole should have fallen further than 0.5 rad, is at {data.Qpos[0]}");
        Assert.NotEqual(0.0, data.Qvel[0]);
    }

    [Fact]
    public void Malformed_model_error_names_the_file_and_MuJoCos_reason()
    {
        var path = Write("broken.xml", "<mujoco><worldbody><body><geom type=\"sphere\"/></body></worldbody>");
        var error = Assert.Throws<MuJoCoException>(() => MjModel.LoadXml(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("XML", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Missing_model_file_is_reported_with_its_path()
    {
        var path = Path.Combine(_folder, "absent.xml");
        var error = Assert.Throws<FileNotFoundException>(() => MjModel.LoadXml(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
