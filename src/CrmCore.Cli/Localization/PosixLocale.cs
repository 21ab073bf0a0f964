namespace CrmCore.Cli.Localization;

/// <summary>
/// The user's language from the POSIX locale variables, for .NET's invariant globalization mode: there the UI culture is the invariant
/// one whatever LANG says, so crm reads the variables itself, in the order ICU reads them for messages (LC_ALL, then LC_MESSAGES, then
/// LANG; an empty one is skipped). Thread-safe.
/// </summary>
internal static class PosixLocale
{
    /// <summary>
    /// The culture name the first set variable gives (<c>zh_CN.UTF-8</c> gives <c>zh-CN</c>: no codeset, no <c>@modifier</c>,
    /// hyphens); <see langword="null"/> when none is set or the first set one is <c>C</c> or <c>POSIX</c> (no language).
    /// </summary>
    /// <param name="variable">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static string? CultureName(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "LANG"])
        {
            if (variable(name) is not { Length: > 0 } value)
            {
                continue;
            }

            var end = value.IndexOfAny(['.', '@']);
            var locale = end < 0 ? value : value[..end];
            return locale is "" or "C" or "POSIX" ? null : locale.Replace('_', '-');
        }

        return null;
    }
}
