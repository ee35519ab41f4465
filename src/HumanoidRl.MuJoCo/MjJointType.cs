namespace HumanoidRl.MuJoCo;

/// <summary>Joint types (mjtJoint), the values of <see cref="MjModel.JntType"/>.</summary>
[CEnumPrefix("mjJNT_")]
public enum MjJointType
{
    /// <summary>Position and orientation: 7 qpos (xyz, quaternion wxyz), 6 dofs.</summary>
    Free = 0,
    /// <summary>Orientation relative to the parent: 4 qpos (quaternion wxyz), 3 dofs.</summary>
    Ball = 1,
    /// <summary>Translation along an axis in metres: 1 qpos, 1 dof.</summary>
    Slide = 2,
    /// <summary>Rotation about an axis in radians: 1 qpos, 1 dof.</summary>
    Hinge = 3,
}
