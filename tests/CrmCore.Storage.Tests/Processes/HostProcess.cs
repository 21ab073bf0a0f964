using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrmCore.Storage.Tests.Processes;

/// <summary>Starts the test host (tests/CrmCore.Storage.TestHost) as a separate OS process and collects what it prints.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static HostProcess Start(params string[] args)
    {
        var dll = Path.Combine(
            AppContext.BaseDirectory.Replace(Path.DirectorySeparatorChar + "CrmCore.Storage.Tests" + Path.DirectorySeparatorChar, Path.DirectorySeparatorChar + "CrmCore.Storage.TestHost" + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            "CrmCore.Storage.TestHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The test host was not built at {dll}.", dll);
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.Output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.Output.Enqueue("stderr: " + e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Kills the process at once with SIGKILL (kill -9): no clean-up code runs.</summary>
    public void KillNow()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // flush the output events
        return true;
    }

    public string Transcript() => string.Join(Environment.NewLine, Output);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
