using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "storage")
{
    return await CrmCore.Benchmarks.Storage.StorageThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
