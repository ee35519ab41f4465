using Microsoft.ML.OnnxRuntime;

namespace HumanoidRl.Control.Policy;

/// <summary>Version and execution providers of the ONNX Runtime this process loaded.</summary>
public sealed record OnnxRuntimeInfo(string Version, IReadOnlyList<string> Providers)
{
    /// <summary>Creates the ONNX Runtime environment (loading the native library) and reads its facts.</summary>
    public static OnnxRuntimeInfo Query()
    {
        var environment = OrtEnv.Instance();
        return new OnnxRuntimeInfo(environment.GetVersionString(), environment.GetAvailableProviders());
    }
}
