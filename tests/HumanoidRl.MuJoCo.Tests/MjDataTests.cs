namespace HumanoidRl.MuJoCo.Tests;

public sealed class MjDataTests : IDisposable
{
    private readonly TempModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void New_data_has_one_slot_per_model_element_in_each_view()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        Assert.Equal((8, 7, 7, 1, 7), (data.Qpos.Length, data.Qvel.Length, data.Qacc.Length, data.Ctrl.Length, data.Sensordata.Length));
        Assert.Equal((7, 7), (data.QfrcApplied.Length, data.QfrcActuator.Length));
        Assert.Equal(
            (18, 9, 12, 27, 18), (data.XfrcApplied.Length, data.Xpos.Length, data.Xquat.Length, data.Xmat.Length, data.Cvel.Length));
        Assert.Equal((3, 9), (data.SiteXpos.Length, data.SiteXmat.Length));
        Assert.Same(model, data.Model);
    }

    [Fact]
    public void Views_write_through_to_MuJoCos_memory()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        data.Qpos[7] = 0.25;
        data.Ctrl[0] = -1.5;

        Assert.Equal(0.25, data.Qpos[7]);
        Assert.Equal(-1.5, data.Ctrl[0]);
    }

    [Fact]
    public void ResetToKeyframe_sets_time_qpos_qvel_and_ctrl_from_the_key()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        for (var i = 0; i < 20; i++) data.Step();

        data.ResetToKeyframe(model.IdOf(MjObject.Key, "crouch"));

        Assert.Equal(1.5, data.TimeS);
        Assert.Equal(model.KeyQpos.ToArray(), data.Qpos.ToArray());
        Assert.Equal(model.KeyQvel.ToArray(), data.Qvel.ToArray());
        Assert.Equal([1.25], data.Ctrl.ToArray());
    }

    [Fact]
    public void ResetToKeyframe_by_name_matches_reset_by_id()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        data.ResetToKeyframe("crouch");

        Assert.Equal(model.KeyQpos.ToArray(), data.Qpos.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void ResetToKeyframe_rejects_an_id_outside_the_keyframes_naming_the_model(int keyId)
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.ResetToKeyframe(keyId));

        Assert.Contains("[0, 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains(model.SourcePath!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_returns_to_qpos0_with_zero_velocity_control_applied_force_and_time()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        var initialQpos = data.Qpos.ToArray();
        data.ResetToKeyframe(0);
        data.XfrcApplied[6] = 3;
        data.QfrcApplied[6] = 1;
        for (var i = 0; i < 20; i++) data.Step();

        data.Reset();

        Assert.Equal(initialQpos, data.Qpos.ToArray());
        Assert.Equal([1.0, 0, 0, 0], initialQpos[3..7]); // qpos0 of a free joint is the body pose in the MJCF
        Assert.All(data.Qvel.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(0.0, data.Ctrl[0]);
        Assert.Equal(0.0, data.XfrcApplied[6]);
        Assert.Equal(0.0, data.QfrcApplied[6]);
        Assert.Equal(0.0, data.TimeS);
    }

    [Fact]
    public void TimeS_can_be_set()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);

        data.TimeS = 3.0;
        data.Step();

        Assert.Equal(3.002, data.TimeS, precision: 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void Ctrl_turns_a_motor_driven_hinge_in_the_commanded_direction(double torqueNm)
    {
        using var model = _folder.Load("motor_arm.xml", TestModels.MotorArm);
        using var data = new MjData(model);

        data.Ctrl[0] = torqueNm;
        for (var i = 0; i < 100; i++) data.Step();

        Assert.Equal(Math.Sign(torqueNm), Math.Sign(data.Qpos[0]));
        Assert.Equal(Math.Sign(torqueNm), Math.Sign(data.Qvel[0]));
        Assert.Equal(torqueNm, data.QfrcActuator[0], precision: 12); // gear 1: generalized force = ctrl
    }

    [Fact]
    public void XfrcApplied_pushes_a_free_body_along_the_force()
    {
        using var model = _folder.Load("ball.xml", TestModels.FloatingBall);
        using var data = new MjData(model);
        var ball = model.IdOf(MjObject.Body, "ball");

        data.XfrcApplied[ball * 6] = 2.0; // 2 N along +x on a 1 kg ball: 2 m/s²
        for (var i = 0; i < 500; i++) data.Step();

        Assert.Equal(2.0, data.Qvel[0], precision: 6); // v = a t after 1 s
        Assert.Equal(1.0, data.Xpos[ball * 3], precision: 2); // x = a t² / 2
        Assert.Equal(0.0, data.Xpos[ball * 3 + 1], precision: 12);
        Assert.Equal(1.0, data.Xpos[ball * 3 + 2], precision: 12);
        data.Forward(); // Step computes Cvel before integrating, so it lags Qvel by one step until recomputed
        Assert.Equal(2.0, data.Cvel[ball * 6 + 3], precision: 6); // linear part follows the angular part
    }

    [Fact]
    public void QfrcApplied_accelerates_the_dof_it_is_applied_to()
    {
        using var model = _folder.Load("ball.xml", TestModels.FloatingBall);
        using var data = new MjData(model);

        data.QfrcApplied[1] = 3.0; // 3 N along world y on a 1 kg ball
        data.Forward();

        Assert.Equal(3.0, data.Qacc[1], precision: 9);
        Assert.Equal(0.0, data.Qacc[0], precision: 12);
    }

    [Fact]
    public void A_box_resting_on_the_floor_has_contacts_between_floor_and_box_carrying_its_weight()
    {
        using var model = _folder.Load("box.xml", TestModels.BoxOnFloor);
        using var data = new MjData(model);
        var floor = model.IdOf(MjObject.Geom, "floor");
        var box = model.IdOf(MjObject.Geom, "box_geom");
        for (var i = 0; i < 500; i++) data.Step();

        Assert.InRange(data.Ncon, 1, 8);
        var totalNormalForceN = 0.0;
        for (var c = 0; c < data.Ncon; c++)
        {
            var contact = data.Contacts[c];
            Assert.Equal((floor, box), (contact.Geom1, contact.Geom2));
            Assert.Equal(0, contact.Exclude);
            Assert.Equal(0.0, contact.PosM[2], precision: 2);
            Assert.Equal(1.0, contact.Frame[2], precision: 9); // the normal points up, from the floor to the box
            Assert.True(contact.DistM < 0.001, $"contact {c} is {contact.DistM} m apart");
            totalNormalForceN += data.ContactNormalForceN(c);
        }
        Assert.Equal(2 * 9.81, totalNormalForceN, precision: 1);
    }

    [Fact]
    public void A_body_in_the_air_has_no_contacts()
    {
        using var model = _folder.Load("ball.xml", TestModels.FloatingBall);
        using var data = new MjData(model);

        data.Forward();

        Assert.Equal(0, data.Ncon);
        Assert.True(data.Contacts.IsEmpty);
    }

    [Fact]
    public void ContactForce_rejects_an_index_outside_the_detected_contacts()
    {
        using var model = _folder.Load("box.xml", TestModels.BoxOnFloor);
        using var data = new MjData(model);
        data.Forward();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.ContactNormalForceN(data.Ncon));
        Assert.Contains("Ncon", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => data.ContactForce(0, new double[5]));
    }

    [Fact]
    public void Sensordata_of_an_unrotated_resting_torso_reads_identity_quaternion_and_zero_rate()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        var quat = model.SensorAdr[model.IdOf(MjObject.Sensor, "torso_quat")];
        var gyro = model.SensorAdr[model.IdOf(MjObject.Sensor, "imu_gyro")];

        data.Forward();

        Assert.Equal([1.0, 0, 0, 0], data.Sensordata.Slice(quat, 4).ToArray());
        Assert.Equal([0.0, 0, 0], data.Sensordata.Slice(gyro, 3).ToArray());
        Assert.Equal([1.0, 0, 0, 0], data.Xquat.Slice(model.IdOf(MjObject.Body, "torso") * 4, 4).ToArray());
    }

    [Fact]
    public void Sensordata_follows_a_yawed_and_spinning_torso()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        var torso = model.IdOf(MjObject.Body, "torso");
        var quat = model.SensorAdr[model.IdOf(MjObject.Sensor, "torso_quat")];
        var gyro = model.SensorAdr[model.IdOf(MjObject.Sensor, "imu_gyro")];
        var halfAngle = Math.PI / 4; // 90° about z
        double[] yawed = [Math.Cos(halfAngle), 0, 0, Math.Sin(halfAngle)];

        yawed.CopyTo(data.Qpos[3..7]);
        data.Qvel[5] = 2.0; // free joint angular velocity, body frame, rad/s about z
        data.Forward();

        for (var i = 0; i < 4; i++) Assert.Equal(yawed[i], data.Sensordata[quat + i], precision: 12);
        for (var i = 0; i < 4; i++) Assert.Equal(yawed[i], data.Xquat[torso * 4 + i], precision: 12);
        Assert.Equal(0.0, data.Xmat[torso * 9], precision: 12); // body x axis now points along world y
        Assert.Equal(2.0, data.Sensordata[gyro + 2], precision: 12);
        var imuSite = model.IdOf(MjObject.Site, "imu");
        Assert.Equal(1.05, data.SiteXpos[imuSite * 3 + 2], precision: 12);
        Assert.Equal(1.0, data.SiteXmat[imuSite * 9 + 8], precision: 12);
    }

    [Fact]
    public void Step1_then_Step2_gives_the_same_state_as_Step()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        using var whole = new MjData(model);
        using var halves = new MjData(model);

        for (var i = 0; i < 200; i++)
        {
            whole.Ctrl[0] = 1;
            whole.Step();
            halves.Step1();
            halves.Ctrl[0] = 1;
            halves.Step2();
        }

        Assert.Equal(whole.Qpos.ToArray(), halves.Qpos.ToArray());
        Assert.Equal(whole.Qvel.ToArray(), halves.Qvel.ToArray());
    }

    [Fact]
    public void Step_Forward_and_view_reads_do_not_allocate()
    {
        using var model = _folder.Load("box.xml", TestModels.BoxOnFloor);
        using var data = new MjData(model);
        var checksum = RunHotLoop(model, data); // warm-up: JIT and first P/Invoke calls

        var before = GC.GetAllocatedBytesForCurrentThread();
        checksum += RunHotLoop(model, data);
        var allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocatedBytes);
        Assert.True(double.IsFinite(checksum));
    }

    private static double RunHotLoop(MjModel model, MjData data)
    {
        var sum = 0.0;
        for (var i = 0; i < 200; i++)
        {
            data.XfrcApplied[6] = 0.1;
            data.Step();
            data.Forward();
            sum += data.Qpos[2] + data.Qvel[0] + data.Xquat[4] + data.Sensordata.Length + data.Cvel[6] + model.BodyMass[1];
            for (var c = 0; c < data.Ncon; c++) sum += data.Contacts[c].DistM + data.ContactNormalForceN(c);
        }
        return sum;
    }

    [Fact]
    public void Disposed_data_refuses_use_instead_of_touching_freed_memory()
    {
        using var model = _folder.Load("robot.xml", TestModels.Robot);
        var data = new MjData(model);
        data.Dispose();

        Assert.Throws<ObjectDisposedException>(data.Step);
        Assert.Throws<ObjectDisposedException>(() => data.Qpos.Length);
        data.Dispose(); // disposing twice is harmless
    }

    [Fact]
    public void Data_whose_model_was_disposed_refuses_to_step()
    {
        var model = _folder.Load("robot.xml", TestModels.Robot);
        using var data = new MjData(model);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(data.Step);
    }
}
