namespace HumanoidRl.MuJoCo.Tests;

public sealed class MjModelTests : IDisposable
{
    private const string PendulumXml = """
        <mujoco model="pendulum">
          <option timestep="0.002" gravity="0 0 -9.81"/>
          <worldbody>
            <body name="pole" pos="0 0 1">
              <joint name="hinge" type="hinge" axis="0 1 0"/>
              <geom type="capsule" fromto="0 0 0 0 0 0.5" size="0.02" mass="1"/>
            </body>
          </worldbody>
        </mujoco>
        """;

    private readonly TempModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Library_reports_version_222()
    {
        Assert.Equal(MuJoCoLibrary.ExpectedVersion, MuJoCoLibrary.Version);
    }

    [Fact]
    public void Loaded_pendulum_advances_time_and_falls_under_gravity_when_stepped()
    {
        using var model = _folder.Load("pendulum.xml", PendulumXml);
        using var data = new MjData(model);
        Assert.Equal(1, model.Nq);
        Assert.Equal(0.002, model.TimestepS);

        data.Qpos[0] = 0.1; // tilt the upright pole so gravity pulls it over
        for (var i = 0; i < 500; i++) data.Step();

        Assert.Equal(1.0, data.TimeS, precision: 9);
        Assert.True(data.Qpos[0] > 0.5, $"pole should have fallen further than 0.5 rad, is at {data.Qpos[0]}");
        Assert.NotEqual(0.0, data.Qvel[0]);
    }

    [Fact]
    public void Malformed_model_error_names_the_file_and_MuJoCos_reason()
    {
        var path = _folder.Write("broken.xml", "<mujoco><worldbody><body><geom type=\"sphere\"/></body></worldbody>");
        var error = Assert.Throws<MuJoCoException>(() => MjModel.LoadXml(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("XML", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Missing_model_file_is_reported_with_its_path()
    {
        var path = Path.Combine(_folder.Path, "absent.xml");
        var error = Assert.Throws<FileNotFoundException>(() => MjModel.LoadXml(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_match_the_compiled_robot()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);

        Assert.Equal(
            (8, 7, 1, 3, 2, 3, 1, 2, 7, 1),
            (model.Nq, model.Nv, model.Nu, model.Nbody, model.Njnt, model.Ngeom, model.Nsite, model.Nsensor, model.Nsensordata,
                model.Nkey));
    }

    [Fact]
    public void Names_and_ids_round_trip_for_every_kind_of_object_in_the_robot()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        (MjObject Type, string Name, int Id)[] expected =
        [
            (MjObject.Body, "world", 0), (MjObject.Body, "torso", 1), (MjObject.Body, "arm", 2),
            (MjObject.Joint, "root", 0), (MjObject.Joint, "shoulder", 1),
            (MjObject.Geom, "floor", 0), (MjObject.Geom, "torso_geom", 1), (MjObject.Geom, "arm_geom", 2),
            (MjObject.Site, "imu", 0), (MjObject.Actuator, "shoulder_motor", 0),
            (MjObject.Sensor, "imu_gyro", 0), (MjObject.Sensor, "torso_quat", 1), (MjObject.Key, "crouch", 0),
        ];

        foreach (var (type, name, id) in expected)
        {
            Assert.Equal(id, model.IdOf(type, name));
            Assert.Equal(name, model.NameOf(type, id));
        }
    }

    [Fact]
    public void IdOf_an_unknown_name_names_it_the_object_type_and_the_model_file()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);

        var error = Assert.Throws<KeyNotFoundException>(() => model.IdOf(MjObject.Body, "pelvis"));

        Assert.Contains("'pelvis'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Body", error.Message, StringComparison.Ordinal);
        Assert.Contains(model.SourcePath!, error.Message, StringComparison.Ordinal);
        Assert.False(model.TryIdOf(MjObject.Joint, "torso", out _)); // a body name is not a joint name
    }

    [Fact]
    public void NameOf_is_null_for_an_unnamed_object_and_for_an_id_past_the_end()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var unnamed = _folder.Load("motor_arm.xml", TestModels.MotorArm);

        Assert.Null(unnamed.NameOf(MjObject.Geom, 0));
        Assert.Null(model.NameOf(MjObject.Body, model.Nbody));
        Assert.Null(model.NameOf(MjObject.Body, -1));
    }

    [Fact]
    public void Copy_is_independent_of_the_original()
    {
        using var original = _folder.Load("robot.xml", TestModels.Robot);
        using var copy = original.Copy();
        var torso = original.IdOf(MjObject.Body, "torso");

        copy.BodyMass[torso] = 7.5;
        copy.GeomFriction[0] = 0.3;
        copy.TimestepS = 0.005;
        copy.Gravity[2] = -1.62;

        Assert.Equal(2.0, original.BodyMass[torso], precision: 12);
        Assert.Equal(0.8, original.GeomFriction[0], precision: 12);
        Assert.Equal(0.002, original.TimestepS);
        Assert.Equal(-9.81, original.Gravity[2], precision: 12);
        Assert.Equal(7.5, copy.BodyMass[torso]);
        Assert.Equal(original.SourcePath, copy.SourcePath);
    }

    [Fact]
    public void Copy_outlives_the_original()
    {
        var original = _folder.Load("robot.xml", TestModels.Robot);
        using var copy = original.Copy();
        original.Dispose();

        using var data = new MjData(copy);
        for (var i = 0; i < 10; i++) data.Step();

        Assert.Equal(0.02, data.TimeS, precision: 9);
    }

    [Fact]
    public void SetConst_after_a_mass_change_updates_the_subtree_mass()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        var torso = model.IdOf(MjObject.Body, "torso");
        var arm = model.IdOf(MjObject.Body, "arm");
        Assert.Equal(2.5, model.BodySubtreeMass[torso], precision: 9);

        model.BodyMass[arm] = 1.5;
        Assert.Equal(2.5, model.BodySubtreeMass[torso], precision: 9); // derived, stale until SetConst
        model.SetConst(data);

        Assert.Equal(3.5, model.BodySubtreeMass[torso], precision: 9);
        Assert.Equal(3.5, model.TotalMassKg, precision: 9);
    }

    [Fact]
    public void SetConst_rejects_data_made_from_another_model()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var copy = model.Copy();
        using var copyData = new MjData(copy);

        var error = Assert.Throws<ArgumentException>(() => model.SetConst(copyData));
        Assert.Contains("made from this model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Joint_dof_and_actuator_arrays_hold_the_MJCF_values()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        var shoulder = model.IdOf(MjObject.Joint, "shoulder");
        var dof = model.JntDofAdr[shoulder];

        Assert.Equal([(int)MjJointType.Free, (int)MjJointType.Hinge], model.JntType.ToArray());
        Assert.Equal([0, 7], model.JntQposAdr.ToArray());
        Assert.Equal([0, 6], model.JntDofAdr.ToArray());
        Assert.Equal([0, 1], model.JntLimited.ToArray());
        Assert.Equal([-1.0, 1.0], model.JntRange.Slice(shoulder * 2, 2).ToArray());
        Assert.Equal((0.5, 0.01, 0.1), (model.DofDamping[dof], model.DofArmature[dof], model.DofFrictionloss[dof]));
        Assert.Equal(new[] { 2.0, 0, 0, 0, 0, 0 }, model.ActuatorGear.ToArray());
        Assert.Equal([-5.0, 5.0], model.ActuatorCtrlrange.ToArray());
        Assert.Equal([shoulder, -1], model.ActuatorTrnid.ToArray());
        Assert.Equal(MjModel.GainParameterCount, model.ActuatorGainprm.Length);
        Assert.Equal(1.0, model.ActuatorGainprm[0]); // a motor's gain is 1: force = gain * ctrl
        Assert.Equal(MjModel.BiasParameterCount, model.ActuatorBiasprm.Length);
        Assert.All(model.ActuatorBiasprm.ToArray(), bias => Assert.Equal(0.0, bias));
    }

    [Fact]
    public void Body_and_geom_arrays_hold_the_MJCF_values()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        var torso = model.IdOf(MjObject.Body, "torso");
        var arm = model.IdOf(MjObject.Body, "arm");
        var armGeom = model.IdOf(MjObject.Geom, "arm_geom");

        Assert.Equal([0, 0, 1], model.BodyParentId.ToArray());
        Assert.Equal([0, 1, 1], model.BodyRootId.ToArray());
        Assert.Equal([0.0, 0, 1], model.BodyPos.Slice(torso * 3, 3).ToArray());
        Assert.Equal([0.2, 0, 0], model.BodyPos.Slice(arm * 3, 3).ToArray());
        Assert.Equal([1.0, 0, 0, 0], model.BodyQuat.Slice(torso * 4, 4).ToArray());
        Assert.Equal(0.15, model.BodyIpos[arm * 3], precision: 9); // capsule centre, halfway along 0.3 m
        // A 2 kg cube of half size 0.1 m: I = m (2a)² / 6 about each axis.
        var cubeInertia = 2 * 0.2 * 0.2 / 6;
        Assert.All(model.BodyInertia.Slice(torso * 3, 3).ToArray(), i => Assert.Equal(cubeInertia, i, precision: 9));
        Assert.Equal([0, 1, 2], model.GeomBodyId.ToArray());
        Assert.Equal([0.8, 0.01, 0.001], model.GeomFriction[..3].ToArray());
        Assert.Equal(0.03, model.GeomSize[armGeom * 3], precision: 12);
        Assert.Equal(2.0, model.TotalMassKg - model.BodyMass[arm], precision: 9);
    }

    [Fact]
    public void Keyframe_arrays_hold_the_MJCF_values()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);

        Assert.Equal([0.1, 0.2, 0.5, 1, 0, 0, 0, 0.3], model.KeyQpos.ToArray());
        Assert.Equal([0.0, 0, 0, 0, 0, 0, -0.4], model.KeyQvel.ToArray());
        Assert.Equal([1.25], model.KeyCtrl.ToArray());
    }

    [Fact]
    public void Sensor_arrays_describe_the_gyro_and_framequat()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);

        Assert.Equal([(int)MjSensorType.Gyro, (int)MjSensorType.FrameQuat], model.SensorType.ToArray());
        Assert.Equal([3, 4], model.SensorDim.ToArray());
        Assert.Equal([0, 3], model.SensorAdr.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    public void TimestepS_rejects_a_non_positive_or_undefined_value(double timestepS)
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TimestepS = timestepS);

        Assert.Contains(model.SourcePath!, error.Message, StringComparison.Ordinal);
        Assert.Equal(0.002, model.TimestepS);
    }

    [Fact]
    public void Timestep_set_on_the_model_is_what_Step_advances_by()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        model.TimestepS = 0.005;
        data.Step();

        Assert.Equal(0.005, data.TimeS, precision: 12);
    }

    [Fact]
    public void A_disposed_model_refuses_use_instead_of_reading_freed_memory()
    {
        var model = _folder.Load("robot.xml", TestModels.Robot);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Nq);
        Assert.Throws<ObjectDisposedException>(() => model.BodyMass.Length);
        Assert.Throws<ObjectDisposedException>(() => new MjData(model));
    }
}
