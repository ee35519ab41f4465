using System.Diagnostics;

namespace HumanoidRl.Training.Runs;

/// <summary>The git revision of the source a run was trained from, with "+dirty" for uncommitted changes.</summary>
public static class SourceRevision
{
    public static string Describe(string folder)
    {
        var head = Git(folder, "rev-parse", "HEAD");
        if (head is null) return "unknown (not a git checkout or git missing)";
        var status = Git(folder, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? head : $"{head}+dirty";
    }

    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
