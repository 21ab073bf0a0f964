using BenchmarkDotNet.Running;
using CrmCore.Benchmarks.Calendars;
using CrmCore.Benchmarks.Routing;

if (args is ["cpu-check"])
{
    CpuTimeCheck.Run();
    return;
}

if (args is ["queue-check"])
{
    QueueCpuTimeCheck.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
