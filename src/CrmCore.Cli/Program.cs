using System.Runtime.Loader;
using System.Text;
using CrmCore.Cli.Hosting;
using CrmCore.Localization;
using NodaTime;

// The composition root: the only place in the CLI where the real clock is chosen.
#pragma warning disable RS0030 // Banned API: SystemClock is allowed at the composition root only.
IClock clock = SystemClock.Instance;
#pragma warning restore RS0030

// Without ICU (invariant globalization mode) cultures are renamed (zh-Hans becomes zh-HANS): find the zh-Hans texts all the same.
SatelliteAssemblies.Register(AssemblyLoadContext.Default, AppContext.BaseDirectory);
if (CultureSupport.Problem() is { } problem)
{
    Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    Console.Error.WriteLine(problem);
    return ExitCodes.InvalidInput;
}

return CliApplication.Run(args, SystemCliConsole.Create(clock));
