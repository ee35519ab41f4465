namespace HumanoidRl.MuJoCo.Tests;

/// <summary>A temporary folder for MJCF files written by a test; deleted on dispose.</summary>
internal sealed class TempModelFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hrl-mujoco-").FullName;

    public string Write(string fileName, string mjcf)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, mjcf);
        return path;
    }

    public MjModel Load(string fileName, string mjcf) => MjModel.LoadXml(Write(fileName, mjcf));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
