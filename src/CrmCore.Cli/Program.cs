using CrmCore.Cli.Hosting;
using NodaTime;

// The composition root: the only place in the CLI where the real clock is chosen.
#pragma warning disable RS0030 // Banned API: SystemClock is allowed at the composition root only.
IClock clock = SystemClock.Instance;
#pragma warning restore RS0030

return CliApplication.Run(args, SystemCliConsole.Create(clock));
