using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Backend;

/// <summary>
/// The motors of one port that share a control table: one Fast Sync Read of current + velocity + position and
/// one Sync Write of Goal Current per cycle, plus the Torque Enable write of the lifecycle.
/// </summary>
internal sealed class MotorGroup
{
    public MotorGroup(JointWiring[] joints, bool fastSyncRead)
    {
        Joints = joints;
        Table = joints[0].Model.ControlTable;
        byte[] ids = [.. joints.Select(joint => joint.MotorId)];
        State = new SyncReadGroup(Table.PresentStateAddress, Table.PresentStateSizeBytes, ids, fastSyncRead);
        GoalCurrent = new SyncWriteGroup(Table.GoalCurrent.Address, Table.GoalCurrent.SizeBytes, ids);
        TorqueEnable = new SyncWriteGroup(Table.TorqueEnable.Address, Table.TorqueEnable.SizeBytes, ids);
    }

    public JointWiring[] Joints { get; }

    public MotorControlTable Table { get; }

    public SyncReadGroup State { get; }

    public SyncWriteGroup GoalCurrent { get; }

    public SyncWriteGroup TorqueEnable { get; }
}
