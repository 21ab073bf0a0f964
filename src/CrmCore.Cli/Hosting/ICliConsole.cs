using System.Globalization;
using NodaTime;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Everything a command may touch outside its arguments: the two output streams, what kind of terminal they are,
/// the clock and the user's culture. Commands never use <see cref="Console"/> directly, so they run the same way
/// in-process (tests) and as a real process.
/// </summary>
internal interface ICliConsole
{
    /// <summary>Gets the standard output writer.</summary>
    TextWriter Out { get; }

    /// <summary>Gets the standard error writer.</summary>
    TextWriter Error { get; }

    /// <summary>Gets a value indicating whether standard output goes to a file or pipe (no colours, no progress bar).</summary>
    bool IsOutputRedirected { get; }

    /// <summary>Gets the width of the terminal in columns; a wide default when redirected.</summary>
    int Width { get; }

    /// <summary>Gets the clock used for <c>--now</c> defaults.</summary>
    IClock Clock { get; }

    /// <summary>Gets the user's UI culture, the default for <c>--lang</c>.</summary>
    CultureInfo UiCulture { get; }

    /// <summary>Gets the current working directory used to resolve relative paths.</summary>
    string WorkingDirectory { get; }
}
