using System.Globalization;
using System.Text;
using CrmCore.Cli.Localization;
using NodaTime;

namespace CrmCore.Cli.Hosting;

/// <summary>The real process console: UTF-8 streams, the system clock chosen by <see cref="Program"/>.</summary>
internal sealed class SystemCliConsole : ICliConsole
{
    private SystemCliConsole(IClock clock)
    {
        Clock = clock;
    }

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsOutputRedirected => Console.IsOutputRedirected;

    public int Width => Console.IsOutputRedirected ? CliDefaults.RedirectedWidth : Math.Max(40, SafeWindowWidth());

    public IClock Clock { get; }

    public CultureInfo UiCulture { get; } = CliLanguage.UiCulture(Environment.GetEnvironmentVariable);

    public string WorkingDirectory => Environment.CurrentDirectory;

    /// <summary>Creates the console and switches both streams to UTF-8 so Chinese names survive pipes and files.</summary>
    public static SystemCliConsole Create(IClock clock)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.OutputEncoding = utf8;
        Console.InputEncoding = utf8;
        return new SystemCliConsole(clock);
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return CliDefaults.RedirectedWidth;
        }
    }
}
