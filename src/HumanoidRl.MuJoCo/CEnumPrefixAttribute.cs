namespace HumanoidRl.MuJoCo;

/// <summary>
/// Marks an enum that mirrors a MuJoCo C enum: member <c>Hinge</c> of an enum with prefix "mjJNT_" must
/// equal the C constant mjJNT_HINGE. The layout test checks every member against the headers.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = false)]
internal sealed class CEnumPrefixAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}
