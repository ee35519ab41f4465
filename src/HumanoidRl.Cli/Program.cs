using System.CommandLine;
using HumanoidRl.Cli.Bench;
using HumanoidRl.Cli.Demo;
using HumanoidRl.Cli.Doctor;
using HumanoidRl.Cli.Eval;
using HumanoidRl.Cli.Monitor;
using HumanoidRl.Cli.Teleop;
using HumanoidRl.Cli.Train;
using HumanoidRl.Cli.Motors;
using HumanoidRl.Cli.Sim;

var root = new RootCommand(
    "humanoid-rl: train balance and walking policies for the 16-joint humanoid in MuJoCo, export them, and operate the robot.")
{
    DoctorCommand.Create(),
    TrainCommand.Create(),
    ExportCommand.Create(),
    AverageCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    MotorsCommand.Create(),
    SimCommand.Create(),
    HumanoidRl.Cli.Certs.CertsCommand.Create(),
    TeleopCommand.Create(),
    MonitorCommand.Create(),
    DemoCommand.Create(),
};
return root.Parse(args).Invoke();
