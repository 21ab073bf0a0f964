using System.Diagnostics;
using System.Text;

namespace CrmCore.Rules.Tests;

/// <summary>
/// This test assembly run as a program of its own (its entry point; the test SDK's empty one is not generated), for the tests that need
/// a process started with other runtime settings, such as .NET's invariant globalization mode, which is fixed when a process starts.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs the child part named by the first argument; exit code 2 for an unknown name.</summary>
    public static async Task<int> Main(string[] args)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        return args switch
        {
            ["rule-failures"] => await Desk.RuleFailureDeskTests.PrintRuleFailuresAsync(output),
            _ => 2,
        };
    }

    /// <summary>Runs this assembly with <paramref name="part"/> as its argument and <paramref name="environment"/> added to its
    /// environment, and waits for it (a hang guard of 5 minutes, not a speed limit).</summary>
    public static (int Exit, string Output, string Error) Run(string part, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(part);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process '{part}' did not end within 5 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
