using System.Diagnostics;
using System.Text;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Tests.Infrastructure;

/// <summary>The outcome of one <c>crm</c> run.</summary>
internal sealed record CrmRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- error\n{Error}";
}

/// <summary>Runs <c>crm</c> in-process (fast) or as a real process (slow; keep such tests few).</summary>
internal static class Crm
{
    public static CrmRun Run(params string[] args) => Run(new TestConsole(), args);

    public static CrmRun Run(TestConsole console, params string[] args)
    {
        var code = CliApplication.Run(args, console);
        return new CrmRun(code, console.OutWriter.ToString(), console.ErrorWriter.ToString());
    }

    public static CrmRun RunProcess(params string[] args) => RunProcess(new Dictionary<string, string?>(), args);

    /// <summary>
    /// Runs the built crm.dll as a real process with <paramref name="environment"/> over the defaults (<c>LANG=C.UTF-8</c>, English
    /// from the dotnet host; no <c>LC_ALL</c>, <c>LC_MESSAGES</c> or globalization switches from the test host): a null value removes a variable.
    /// </summary>
    public static CrmRun RunProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "crm.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"])
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard, not a speed limit: a run takes seconds, but a machine shared by several builds can stretch that tenfold.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("crm did not finish within 5 minutes");
        }

        return new CrmRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
