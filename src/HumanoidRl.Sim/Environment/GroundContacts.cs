using HumanoidRl.MuJoCo;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// Sorts MuJoCo's contacts for the foot_slip and collision reward terms. Geoms of the world body are the ground;
/// geoms of the named foot bodies are feet. A foot touching the ground is a footstep; anything else of the robot
/// touching the ground, and any contact between two robot geoms (MuJoCo already skips parent-child pairs, so
/// these are limbs hitting each other, a foot stepping on the other foot included), is a collision.
/// Only geoms the model lets collide (contype/conaffinity) ever produce contacts.
/// </summary>
public sealed class GroundContacts
{
    private const int WorldBodyId = 0;
    private const int NotAFoot = -1;

    /// <summary>Per geom: the foot it belongs to, or <see cref="NotAFoot"/>.</summary>
    private readonly int[] _footOfGeom;
    private readonly bool[] _isGround;

    private GroundContacts(int[] footBodyIds, int[] footOfGeom, bool[] isGround)
    {
        FootBodyIds = footBodyIds;
        _footOfGeom = footOfGeom;
        _isGround = isGround;
    }

    /// <summary>MuJoCo body id of each foot, in the order the task lists them.</summary>
    public int[] FootBodyIds { get; }

    public int FootCount => FootBodyIds.Length;

    /// <summary>Resolves the foot body names; an unknown name is reported with the task file and the model.</summary>
    public static GroundContacts Resolve(MjModel model, IReadOnlyList<string> footBodies, string taskSource)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(footBodies);
        var footBodyIds = new int[footBodies.Count];
        var missing = new List<string>();
        for (var foot = 0; foot < footBodies.Count; foot++)
        {
            if (!model.TryIdOf(MjObject.Body, footBodies[foot], out footBodyIds[foot]))
                missing.Add($"rewards.foot_bodies[{foot}]: body '{footBodies[foot]}' is not in the model");
            else if (footBodyIds[foot] == WorldBodyId)
                missing.Add($"rewards.foot_bodies[{foot}]: '{footBodies[foot]}' is the world body, not a foot");
        }
        if (missing.Count > 0)
            throw new InvalidDataException($"{taskSource}: does not match the model {model.SourcePath}: {string.Join("; ", missing)}");

        var geomBody = model.GeomBodyId;
        var footOfGeom = new int[model.Ngeom];
        var isGround = new bool[model.Ngeom];
        for (var geom = 0; geom < footOfGeom.Length; geom++)
        {
            footOfGeom[geom] = Array.IndexOf(footBodyIds, geomBody[geom]);
            isGround[geom] = geomBody[geom] == WorldBodyId;
        }
        return new GroundContacts(footBodyIds, footOfGeom, isGround);
    }

    /// <summary>
    /// Marks the feet that touch the ground in <paramref name="footOnGround"/> and returns the number of collision
    /// contacts, from the contacts of the last Step/Forward. Contacts the solver leaves out (in the margin gap) do not count.
    /// </summary>
    public int Classify(MjData data, Span<bool> footOnGround)
    {
        ArgumentNullException.ThrowIfNull(data);
        footOnGround.Clear();
        var collisions = 0;
        foreach (ref readonly var contact in data.Contacts)
        {
            if (contact.Exclude != 0) continue;
            int a = contact.Geom1, b = contact.Geom2;
            if (_isGround[a] && _isGround[b]) continue;
            if (_isGround[a] || _isGround[b])
            {
                var foot = _footOfGeom[_isGround[a] ? b : a];
                if (foot == NotAFoot) collisions++;
                else footOnGround[foot] = true;
            }
            else
            {
                collisions++;
            }
        }
        return collisions;
    }
}
