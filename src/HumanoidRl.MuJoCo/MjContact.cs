using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HumanoidRl.MuJoCo;

/// <summary>
/// One detected contact (mjContact), read in place through <see cref="MjData.Contacts"/>; only the fields
/// the bindings need are exposed, the rest of the C struct is covered by its size.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = MjLayout.ContactSize)]
public readonly struct MjContact
{
    [FieldOffset(MjLayout.ContactDist)] private readonly double _distM;
    [FieldOffset(MjLayout.ContactPos)] private readonly ContactVector3 _posM;
    [FieldOffset(MjLayout.ContactFrame)] private readonly ContactFrame3x3 _frame;
    [FieldOffset(MjLayout.ContactGeom1)] private readonly int _geom1;
    [FieldOffset(MjLayout.ContactGeom2)] private readonly int _geom2;
    [FieldOffset(MjLayout.ContactExclude)] private readonly int _exclude;

    /// <summary>Distance between the nearest points in m; negative means penetration.</summary>
    public double DistM => _distM;

    /// <summary>Contact point in world coordinates in m, midway between the geoms (3).</summary>
    [UnscopedRef]
    public ReadOnlySpan<double> PosM => _posM;

    /// <summary>Contact frame, rows normal, tangent 1, tangent 2 (3 x 3); the normal points from geom1 to geom2.</summary>
    [UnscopedRef]
    public ReadOnlySpan<double> Frame => _frame;

    /// <summary>Id of the first geom.</summary>
    public int Geom1 => _geom1;

    /// <summary>Id of the second geom.</summary>
    public int Geom2 => _geom2;

    /// <summary>0 for a contact the solver includes; 1 in margin gap, 2 fused, 3 equality, 4 no dofs.</summary>
    public int Exclude => _exclude;

    [InlineArray(3)]
    private struct ContactVector3
    {
        private double _element;
    }

    [InlineArray(9)]
    private struct ContactFrame3x3
    {
        private double _element;
    }
}
