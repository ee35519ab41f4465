using System.Runtime.InteropServices;
using HumanoidRl.Control.Policy;
using HumanoidRl.MuJoCo;
using HumanoidRl.Training.Native;
using TorchSharp;

namespace HumanoidRl.Cli.Doctor;

/// <summary>Checks of the .NET runtime and the three native engines, each doing real work.</summary>
internal static class RuntimeProbes
{
    public static ProbeResult DotNet() => ProbeResult.Pass(
        $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})");

    public static ProbeResult MuJoCo()
    {
        var version = MuJoCoLibrary.Version;
        return version == MuJoCoLibrary.ExpectedVersion
            ? ProbeResult.Pass($"{MuJoCoLibrary.SharedObjectName} loaded, mj_version() = {version}")
            : ProbeResult.Fail(
                $"mj_version() = {version}, expected {MuJoCoLibrary.ExpectedVersion}: the bindings match 2.2.2's struct layouts only. " +
                $"Fix: sudo apt-get install {MuJoCoLibrary.PackageName} and unset HUMANOIDRL_MUJOCO_LIB");
    }

    public static ProbeResult Torch()
    {
        var report = TorchSharpLoader.Ensure();
        using var ones = torch.ones(2, 3);
        using var sum = ones.sum();
        var total = sum.item<float>();
        if (total != 6f) return ProbeResult.Fail($"libtorch computed sum(ones(2,3)) = {total}, expected 6");
        var remedy = report.RemedyApplied ? "compatibility remedy applied" : "no remedy needed";
        return ProbeResult.Pass($"TorchSharp with libtorch {torch.__version__} loads and computes; {remedy}: {report.Detail}");
    }

    public static ProbeResult OnnxRuntime()
    {
        var info = OnnxRuntimeInfo.Query();
        return ProbeResult.Pass($"ONNX Runtime {info.Version}, providers: {string.Join(", ", info.Providers)}");
    }
}
