using System.CommandLine;
using HumanoidRl.Cli.Bench;
using HumanoidRl.Cli.Doctor;

var root = new RootCommand("humanoid-rl: train balance and walking policies for the 16-joint humanoid in MuJoCo, export them, and operate the robot.")
{
    DoctorCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
