namespace HumanoidRl.MuJoCo;

/// <summary>
/// Byte offsets and sizes in libmujoco 2.2.2's mjModel, mjData and mjContact (x86-64 and arm64 LP64 share
/// them). Every binding reads memory only through a constant here, and every constant names the C expression
/// it mirrors: the layout test compiles all of them with gcc against /usr/include/mujoco and fails on any
/// drift, and on any constant that has no <see cref="CExpressionAttribute"/>.
/// Sizes of whole structs are kept as guards: a changed size means the headers moved under us.
/// </summary>
internal static class MjLayout
{
    // Struct sizes and array strides.
    [CExpression("sizeof(mjModel)")] internal const int ModelSize = 3280;
    [CExpression("sizeof(mjData)")] internal const int DataSize = 41176;
    [CExpression("sizeof(mjContact)")] internal const int ContactSize = 528;
    [CExpression("sizeof(mjOption)")] internal const int OptionSize = 240;
    [CExpression("mjNGAIN")] internal const int NGain = 10;
    [CExpression("mjNBIAS")] internal const int NBias = 10;

    // mjModel: sizes (int).
    [CExpression("offsetof(mjModel, nq)")] internal const int ModelNq = 0;
    [CExpression("offsetof(mjModel, nv)")] internal const int ModelNv = 4;
    [CExpression("offsetof(mjModel, nu)")] internal const int ModelNu = 8;
    [CExpression("offsetof(mjModel, nbody)")] internal const int ModelNbody = 16;
    [CExpression("offsetof(mjModel, njnt)")] internal const int ModelNjnt = 20;
    [CExpression("offsetof(mjModel, ngeom)")] internal const int ModelNgeom = 24;
    [CExpression("offsetof(mjModel, nsite)")] internal const int ModelNsite = 28;
    [CExpression("offsetof(mjModel, nsensor)")] internal const int ModelNsensor = 124;
    [CExpression("offsetof(mjModel, nkey)")] internal const int ModelNkey = 152;
    [CExpression("offsetof(mjModel, nsensordata)")] internal const int ModelNsensordata = 224;

    // mjModel: the embedded mjOption (mjtNum values, not pointers).
    [CExpression("offsetof(mjModel, opt.timestep)")] internal const int ModelOptTimestep = 232;
    [CExpression("offsetof(mjModel, opt.gravity)")] internal const int ModelOptGravity = 280;

    // mjModel: array pointers.
    [CExpression("offsetof(mjModel, body_parentid)")] internal const int ModelBodyParentid = 1112;
    [CExpression("offsetof(mjModel, body_rootid)")] internal const int ModelBodyRootid = 1120;
    [CExpression("offsetof(mjModel, body_pos)")] internal const int ModelBodyPos = 1208;
    [CExpression("offsetof(mjModel, body_quat)")] internal const int ModelBodyQuat = 1216;
    [CExpression("offsetof(mjModel, body_ipos)")] internal const int ModelBodyIpos = 1224;
    [CExpression("offsetof(mjModel, body_mass)")] internal const int ModelBodyMass = 1240;
    [CExpression("offsetof(mjModel, body_subtreemass)")] internal const int ModelBodySubtreemass = 1248;
    [CExpression("offsetof(mjModel, body_inertia)")] internal const int ModelBodyInertia = 1256;
    [CExpression("offsetof(mjModel, jnt_type)")] internal const int ModelJntType = 1280;
    [CExpression("offsetof(mjModel, jnt_qposadr)")] internal const int ModelJntQposadr = 1288;
    [CExpression("offsetof(mjModel, jnt_dofadr)")] internal const int ModelJntDofadr = 1296;
    [CExpression("offsetof(mjModel, jnt_limited)")] internal const int ModelJntLimited = 1320;
    [CExpression("offsetof(mjModel, jnt_range)")] internal const int ModelJntRange = 1368;
    [CExpression("offsetof(mjModel, dof_frictionloss)")] internal const int ModelDofFrictionloss = 1448;
    [CExpression("offsetof(mjModel, dof_armature)")] internal const int ModelDofArmature = 1456;
    [CExpression("offsetof(mjModel, dof_damping)")] internal const int ModelDofDamping = 1464;
    [CExpression("offsetof(mjModel, geom_bodyid)")] internal const int ModelGeomBodyid = 1520;
    [CExpression("offsetof(mjModel, geom_size)")] internal const int ModelGeomSize = 1592;
    [CExpression("offsetof(mjModel, geom_friction)")] internal const int ModelGeomFriction = 1624;
    [CExpression("offsetof(mjModel, actuator_trnid)")] internal const int ModelActuatorTrnid = 2728;
    [CExpression("offsetof(mjModel, actuator_gainprm)")] internal const int ModelActuatorGainprm = 2776;
    [CExpression("offsetof(mjModel, actuator_biasprm)")] internal const int ModelActuatorBiasprm = 2784;
    [CExpression("offsetof(mjModel, actuator_ctrlrange)")] internal const int ModelActuatorCtrlrange = 2792;
    [CExpression("offsetof(mjModel, actuator_gear)")] internal const int ModelActuatorGear = 2816;
    [CExpression("offsetof(mjModel, sensor_type)")] internal const int ModelSensorType = 2864;
    [CExpression("offsetof(mjModel, sensor_dim)")] internal const int ModelSensorDim = 2920;
    [CExpression("offsetof(mjModel, sensor_adr)")] internal const int ModelSensorAdr = 2928;
    [CExpression("offsetof(mjModel, key_qpos)")] internal const int ModelKeyQpos = 3056;
    [CExpression("offsetof(mjModel, key_qvel)")] internal const int ModelKeyQvel = 3064;
    [CExpression("offsetof(mjModel, key_ctrl)")] internal const int ModelKeyCtrl = 3096;

    // mjData: scalars.
    [CExpression("offsetof(mjData, ncon)")] internal const int DataNcon = 40332;
    [CExpression("offsetof(mjData, time)")] internal const int DataTime = 40336;

    // mjData: array pointers.
    [CExpression("offsetof(mjData, qpos)")] internal const int DataQpos = 40376;
    [CExpression("offsetof(mjData, qvel)")] internal const int DataQvel = 40384;
    [CExpression("offsetof(mjData, ctrl)")] internal const int DataCtrl = 40408;
    [CExpression("offsetof(mjData, qfrc_applied)")] internal const int DataQfrcApplied = 40416;
    [CExpression("offsetof(mjData, xfrc_applied)")] internal const int DataXfrcApplied = 40424;
    [CExpression("offsetof(mjData, qacc)")] internal const int DataQacc = 40448;
    [CExpression("offsetof(mjData, sensordata)")] internal const int DataSensordata = 40472;
    [CExpression("offsetof(mjData, xpos)")] internal const int DataXpos = 40480;
    [CExpression("offsetof(mjData, xquat)")] internal const int DataXquat = 40488;
    [CExpression("offsetof(mjData, xmat)")] internal const int DataXmat = 40496;
    [CExpression("offsetof(mjData, site_xpos)")] internal const int DataSiteXpos = 40552;
    [CExpression("offsetof(mjData, site_xmat)")] internal const int DataSiteXmat = 40560;
    [CExpression("offsetof(mjData, contact)")] internal const int DataContact = 40752;
    [CExpression("offsetof(mjData, cvel)")] internal const int DataCvel = 40960;
    [CExpression("offsetof(mjData, qfrc_actuator)")] internal const int DataQfrcActuator = 41088;

    // mjContact fields.
    [CExpression("offsetof(mjContact, dist)")] internal const int ContactDist = 0;
    [CExpression("offsetof(mjContact, pos)")] internal const int ContactPos = 8;
    [CExpression("offsetof(mjContact, frame)")] internal const int ContactFrame = 32;
    [CExpression("offsetof(mjContact, geom1)")] internal const int ContactGeom1 = 508;
    [CExpression("offsetof(mjContact, geom2)")] internal const int ContactGeom2 = 512;
    [CExpression("offsetof(mjContact, exclude)")] internal const int ContactExclude = 516;
}
