using System.Diagnostics;
using System.Text;
using CrmCore.Samples.ServiceDesk;

Console.OutputEncoding = Encoding.UTF8;
SampleSettings settings;
try
{
    settings = SampleSettings.Parse(args);
}
catch (SampleUsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine(settings.Store.Describe(settings.Culture));
var stopwatch = Stopwatch.StartNew();
var outcome = ServiceDeskMonth.Run(settings);
MonthSummary.Write(outcome, Console.Out);
Console.WriteLine(MonthSummary.SimulatedIn(stopwatch.Elapsed, settings.Culture));
return 0;
