using System.Globalization;
using CrmCore.Cli.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Cli.Tests.Infrastructure;

/// <summary>An in-memory console: captured output, redirected (plain text), fixed clock and culture.</summary>
internal sealed class TestConsole : ICliConsole
{
    public StringWriter OutWriter { get; } = new();

    public StringWriter ErrorWriter { get; } = new();

    public TextWriter Out => OutWriter;

    public TextWriter Error => ErrorWriter;

    public bool IsOutputRedirected { get; init; } = true;

    public int Width { get; init; } = 160;

    public IClock Clock { get; init; } = new FakeClock(Instant.FromUtc(2026, 3, 1, 1, 0));

    public CultureInfo UiCulture { get; init; } = CultureInfo.GetCultureInfo("en-US");

    public string WorkingDirectory { get; init; } = RepoPaths.Root;
}
