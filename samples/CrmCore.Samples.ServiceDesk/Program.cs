using System.Diagnostics;
using System.Text;
using CrmCore.Samples.ServiceDesk;

Console.OutputEncoding = Encoding.UTF8;
SampleSettings settings;
try
{
    settings = SampleSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or System.Globalization.CultureNotFoundException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine(settings.Store.Describe());
var stopwatch = Stopwatch.StartNew();
var outcome = ServiceDeskMonth.Run(settings);
MonthSummary.Write(outcome, Console.Out);
Console.WriteLine($"(simulated in {stopwatch.Elapsed.TotalSeconds:F1} s of real time)");
return 0;
