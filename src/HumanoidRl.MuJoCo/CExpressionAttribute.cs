namespace HumanoidRl.MuJoCo;

/// <summary>
/// The C expression (against the MuJoCo headers) whose value a layout constant mirrors, e.g.
/// "offsetof(mjModel, body_mass)". The layout test compiles every one of them with gcc and compares.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
internal sealed class CExpressionAttribute(string expression) : Attribute
{
    public string Expression { get; } = expression;
}
