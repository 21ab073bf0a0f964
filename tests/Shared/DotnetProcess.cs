using System.Diagnostics;
using System.Text;

namespace CrmCore.Tests.Support;

/// <summary>
/// Runs a .NET assembly (a sample, or a test assembly's own entry point) as a child process, for tests that need runtime settings fixed
/// when a process starts, such as .NET's invariant globalization mode. The child starts from a known language environment
/// (<c>LANG=C.UTF-8</c>, no <c>LC_ALL</c>, <c>LC_MESSAGES</c> or <c>DOTNET_SYSTEM_GLOBALIZATION_*</c>) plus what the test adds. Shared
/// by the test projects (linked from tests/Shared).
/// </summary>
internal static class DotnetProcess
{
    /// <summary>Runs <c>dotnet exec</c> on <paramref name="assembly"/> with <paramref name="args"/> and waits for it (a hang guard of 5
    /// minutes, not a speed limit).</summary>
    /// <param name="assembly">The assembly's path.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Variables set for the child, over the known environment.</param>
    /// <returns>The exit code, standard output and standard error (UTF-8).</returns>
    /// <exception cref="TimeoutException">The child did not end within 5 minutes; it was killed.</exception>
    public static (int Exit, string Output, string Error) Run(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
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
        start.ArgumentList.Add(assembly);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LANG"] = "C.UTF-8";
        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"])
        {
            start.Environment.Remove(name);
        }

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
            throw new TimeoutException($"{Path.GetFileName(assembly)} did not end within 5 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
