using System.Globalization;

namespace CrmCore.Localization;

/// <summary>
/// A culture known only by its name, for .NET's invariant globalization mode (no ICU), where there is no culture data: its data are the
/// invariant culture's, so it can be made even where .NET makes no culture by name (predefined cultures only, that mode's default). It
/// gives back its name in the usual spelling (language in lower case, script in title case, region in capitals: <c>zh-Hans-HK</c>), its
/// language from the name, and as its parent the name less its last part (<c>zh-Hans-HK</c>, <c>zh-Hans</c>, <c>zh</c>), so that
/// <see cref="TextCultures"/> reads it as it reads a culture with data, and a resource lookup in it finds the satellite assembly of its
/// name (<c>zh-Hans/CrmCore.resources.dll</c>). Formatting with it is the invariant culture's. <see cref="TextCultures"/> makes the
/// library's languages with it there; <c>crm</c> (which compiles this file in) its <c>--lang</c> cultures. Immutable.
/// </summary>
internal sealed class NameOnlyCulture : CultureInfo
{
    private readonly string _name;

    /// <summary>A culture for <paramref name="name"/> (<c>zh-Hans</c>, <c>zh_CN</c>, <c>EN-gb</c>: any case, hyphens or underscores).</summary>
    /// <exception cref="CultureNotFoundException">The name is not parts of 1 to 8 ASCII letters or digits joined by hyphens or
    /// underscores (for example one with spaces).</exception>
#pragma warning disable RS0030 // the invariant culture's own name: made everywhere
    public NameOnlyCulture(string name)
        : base(InvariantCulture.Name)
#pragma warning restore RS0030
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Split('-', '_') is var parts && parts.Any(p => p.Length is 0 or > 8 || !p.All(char.IsAsciiLetterOrDigit)))
        {
            throw new CultureNotFoundException(nameof(name), name, "A culture name is parts of 1 to 8 ASCII letters or digits joined by '-' or '_'.");
        }

        _name = Spelled(parts);
    }

    /// <summary>
    /// Gets a value indicating whether .NET has culture data (ICU) here: false in invariant globalization mode
    /// (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c>, hosts and containers without ICU), where a culture made by name, if .NET makes one
    /// at all, has the invariant culture's data, and cultures are known by their name only.
    /// </summary>
    public static bool HasCultureData { get; } = CultureDataHere();

    /// <summary>Gets the name in the usual spelling (<c>zh-Hans-HK</c>, <c>en-GB</c>).</summary>
    public override string Name => _name;

    /// <summary>Gets the language: the first part of the name, in lower case.</summary>
    public override string TwoLetterISOLanguageName => _name.Split('-')[0];

    /// <summary>Gets the culture named by the name less its last part; the invariant culture for a language alone.</summary>
    public override CultureInfo Parent => _name.LastIndexOf('-') is var last and > 0 ? new NameOnlyCulture(_name[..last]) : InvariantCulture;

    /// <summary>The name (<see cref="Name"/>).</summary>
    /// <returns>The name.</returns>
    public override string ToString() => _name;

    private static bool CultureDataHere()
    {
        try
        {
            #pragma warning disable RS0030 // the probe for culture data itself
            return GetCultureInfo("en").TwoLetterISOLanguageName == "en";
            #pragma warning restore RS0030
        }
        catch (CultureNotFoundException)
        {
            return false; // invariant mode with predefined cultures only
        }
    }

    private static string Spelled(string[] parts) => string.Join('-', parts.Select((part, i) =>
        i > 0 && part.Length == 4 && part.All(char.IsAsciiLetter) ? char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()
        : i > 0 && part.Length == 2 ? part.ToUpperInvariant()
        : part.ToLowerInvariant()));
}
