using BenchmarkDotNet.Running;
using CrmCore.Benchmarks.Calendars;
using CrmCore.Benchmarks.Routing;

if (args is ["cpu-check"])
{
    CpuTimeCheck.Run();
    return 0;
}

if (args is ["bulk-check"])
{
    CrmCore.Benchmarks.BulkTagging.BulkCpuTimeCheck.Run();
    return 0;
}

if (args is ["queue-check"])
{
    QueueCpuTimeCheck.Run([10_000, 100_000, 1_000_000], [12, 48]);
    return 0;
}

if (args is ["queue-check", "scaling"])
{
    QueueCpuTimeCheck.Run([1_000_000], [3, 12, 48, 192]);
    return 0;
}

if (args is ["queue-check", var sizeArg, var eligibleArg])
{
    // queue-check 1000000 48 (one size and one eligible-bucket count; comma-separated lists allowed)
    QueueCpuTimeCheck.Run(
        [.. sizeArg.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))],
        [.. eligibleArg.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]);
    return 0;
}

if (args is ["import", "dry-run", ..])
{
    return await CrmCore.Benchmarks.Import.DryRunCost.RunAsync(args);
}

if (args.Length > 0 && args[0] == "import")
{
    return await CrmCore.Benchmarks.Import.ImportThroughput.RunAsync(args);
}

if (args is ["storage", "desk-profile", ..])
{
    return await CrmCore.Benchmarks.Storage.DeskCommandProfile.RunAsync(args);
}

if (args.Length > 0 && args[0] == "storage")
{
    return await CrmCore.Benchmarks.Storage.StorageThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
