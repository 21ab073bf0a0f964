using BenchmarkDotNet.Running;
using CrmCore.Benchmarks.Calendars;

if (args is ["cpu-check"])
{
    CpuTimeCheck.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
