namespace HumanoidRl.MuJoCo.Tests;

/// <summary>Small MJCF models the tests are written against; each comment says what a test relies on.</summary>
internal static class TestModels
{
    /// <summary>
    /// A free-floating 2 kg box torso (body 1) with a hinged 0.5 kg arm (body 2, joint "shoulder", motor with
    /// gear 2, range ±1 rad), an IMU site with gyro and framequat sensors, a floor plane and a keyframe "crouch".
    /// nq = 7 (free) + 1 (hinge), nv = 6 + 1, nu = 1, nbody = 3, njnt = 2, ngeom = 3, nsite = 1, nkey = 1.
    /// </summary>
    public const string Robot = """
        <mujoco model="robot">
          <compiler angle="radian"/>
          <option timestep="0.002" gravity="0 0 -9.81"/>
          <worldbody>
            <geom name="floor" type="plane" size="5 5 0.1" friction="0.8 0.01 0.001"/>
            <body name="torso" pos="0 0 1">
              <freejoint name="root"/>
              <geom name="torso_geom" type="box" size="0.1 0.1 0.1" mass="2"/>
              <site name="imu" pos="0 0 0.05"/>
              <body name="arm" pos="0.2 0 0">
                <joint name="shoulder" type="hinge" axis="0 1 0" range="-1 1" limited="true"
                       damping="0.5" armature="0.01" frictionloss="0.1"/>
                <geom name="arm_geom" type="capsule" fromto="0 0 0 0.3 0 0" size="0.03" mass="0.5"/>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="shoulder_motor" joint="shoulder" gear="2" ctrlrange="-5 5" ctrllimited="true"/>
          </actuator>
          <sensor>
            <gyro name="imu_gyro" site="imu"/>
            <framequat name="torso_quat" objtype="body" objname="torso"/>
          </sensor>
          <keyframe>
            <key name="crouch" time="1.5" qpos="0.1 0.2 0.5 1 0 0 0 0.3" qvel="0 0 0 0 0 0 -0.4" ctrl="1.25"/>
          </keyframe>
        </mujoco>
        """;

    /// <summary>A link on a vertical hinge fixed to the world, driven by a motor; no gravity acts along the hinge.</summary>
    public const string MotorArm = """
        <mujoco model="motor_arm">
          <option timestep="0.002"/>
          <worldbody>
            <body name="link">
              <joint name="hinge" type="hinge" axis="0 0 1"/>
              <geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03" mass="1"/>
            </body>
          </worldbody>
          <actuator>
            <motor name="motor" joint="hinge" gear="1"/>
          </actuator>
        </mujoco>
        """;

    /// <summary>A 1 kg free sphere in zero gravity, nothing to collide with.</summary>
    public const string FloatingBall = """
        <mujoco model="floating_ball">
          <option timestep="0.002" gravity="0 0 0"/>
          <worldbody>
            <body name="ball" pos="0 0 1">
              <freejoint/>
              <geom type="sphere" size="0.1" mass="1"/>
            </body>
          </worldbody>
        </mujoco>
        """;

    /// <summary>A 2 kg box (half size 0.1 m) placed resting on a floor plane under 9.81 m/s² gravity.</summary>
    public const string BoxOnFloor = """
        <mujoco model="box_on_floor">
          <option timestep="0.002" gravity="0 0 -9.81"/>
          <worldbody>
            <geom name="floor" type="plane" size="5 5 0.1"/>
            <body name="box" pos="0 0 0.1">
              <freejoint/>
              <geom name="box_geom" type="box" size="0.1 0.1 0.1" mass="2"/>
            </body>
          </worldbody>
        </mujoco>
        """;
}
