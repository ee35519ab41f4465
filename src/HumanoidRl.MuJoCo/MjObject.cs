namespace HumanoidRl.MuJoCo;

/// <summary>Kinds of named model objects (mjtObj), used by name/id lookup.</summary>
[CEnumPrefix("mjOBJ_")]
public enum MjObject
{
    Unknown = 0,
    /// <summary>Body, addressed at its inertial frame.</summary>
    Body = 1,
    /// <summary>Body, addressed at its regular frame.</summary>
    XBody = 2,
    Joint = 3,
    Dof = 4,
    Geom = 5,
    Site = 6,
    Camera = 7,
    Light = 8,
    Mesh = 9,
    Skin = 10,
    HField = 11,
    Texture = 12,
    Material = 13,
    Pair = 14,
    Exclude = 15,
    Equality = 16,
    Tendon = 17,
    Actuator = 18,
    Sensor = 19,
    Numeric = 20,
    Text = 21,
    Tuple = 22,
    /// <summary>Keyframe.</summary>
    Key = 23,
}
