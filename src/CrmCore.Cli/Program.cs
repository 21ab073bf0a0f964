using System.Runtime.Loader;
using CrmCore.Cli.Hosting;
using CrmCore.Localization;
using NodaTime;

// The composition root: the only place in the CLI where the real clock is chosen.
#pragma warning disable RS0030 // Banned API: SystemClock is allowed at the composition root only.
IClock clock = SystemClock.Instance;
#pragma warning restore RS0030

// Without ICU (invariant globalization mode) a culture made by name is renamed (zh-Hans becomes zh-HANS): find the zh-Hans texts all the
// same. Where .NET makes no culture by name at all (predefined cultures only) crm's languages are the library's own cultures, known by
// name (TextCultures), and crm speaks both all the same.
SatelliteAssemblies.Register(AssemblyLoadContext.Default, AppContext.BaseDirectory);

return CliApplication.Run(args, SystemCliConsole.Create(clock));
