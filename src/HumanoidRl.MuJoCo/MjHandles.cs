using Microsoft.Win32.SafeHandles;

namespace HumanoidRl.MuJoCo;

/// <summary>Owns an mjModel*; freed with mj_deleteModel exactly once.</summary>
internal sealed class MjModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public MjModelHandle() : base(ownsHandle: true) { }

    internal MjModelHandle(IntPtr model) : base(ownsHandle: true) => SetHandle(model);

    protected override bool ReleaseHandle()
    {
        NativeMethods.mj_deleteModel(handle);
        return true;
    }
}

/// <summary>Owns an mjData*; freed with mj_deleteData exactly once.</summary>
internal sealed class MjDataHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public MjDataHandle() : base(ownsHandle: true) { }

    internal MjDataHandle(IntPtr data) : base(ownsHandle: true) => SetHandle(data);

    protected override bool ReleaseHandle()
    {
        NativeMethods.mj_deleteData(handle);
        return true;
    }
}
