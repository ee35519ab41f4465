namespace HumanoidRl.MuJoCo;

/// <summary>
/// Byte offsets into libmujoco 2.2.2's mjModel and mjData (x86-64 and arm64 LP64 share them).
/// The layout test compiles a C program against /usr/include/mujoco and checks every value here.
/// </summary>
internal static class MjLayout
{
    internal const int ModelSize = 3280;
    internal const int ModelNq = 0;
    internal const int ModelNv = 4;
    internal const int ModelOptTimestep = 232;

    internal const int DataSize = 41176;
    internal const int DataTime = 40336;
    internal const int DataQpos = 40376;
    internal const int DataQvel = 40384;
}
