using System.Text;
using CrmCore.Tests.Support;

namespace CrmCore.Import.Tests;

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
            ["zh-report"] => await InvariantChineseReportTests.PrintReportAsync(output),
            _ => 2,
        };
    }

    /// <summary>Runs this assembly with <paramref name="part"/> as its argument and <paramref name="environment"/> added to its
    /// environment (<see cref="DotnetProcess"/>), and waits for it.</summary>
    public static (int Exit, string Output, string Error) Run(string part, Dictionary<string, string> environment) =>
        DotnetProcess.Run(typeof(ChildProcess).Assembly.Location, [part], environment);
}
