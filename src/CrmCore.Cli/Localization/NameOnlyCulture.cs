using System.Globalization;

namespace CrmCore.Cli.Localization;

/// <summary>
/// A culture known only by its name, for .NET's invariant globalization mode (no ICU). There every culture made by name has the invariant
/// culture's data: no parent, the language <c>iv</c>, and a name in capitals after the first hyphen (<c>zh-HANS</c>). This one gives back
/// its name in the usual spelling (language in lower case, script in title case, region in capitals: <c>zh-Hans-HK</c>), its language
/// from the name, and as its parent the name less its last part (<c>zh-Hans-HK</c>, <c>zh-Hans</c>, <c>zh</c>), so that
/// <see cref="CrmCore.Localization.TextCultures"/> reads it as it reads a culture with data. Used only to choose crm's language;
/// formatting with it is the invariant culture's. Immutable.
/// </summary>
internal sealed class NameOnlyCulture : CultureInfo
{
    private readonly string _name;

    /// <summary>A culture for <paramref name="name"/> (<c>zh-Hans</c>, <c>zh_CN</c>, <c>EN-gb</c>: any case, hyphens or underscores).</summary>
    /// <exception cref="CultureNotFoundException">.NET does not accept the name (for example one with spaces).</exception>
    public NameOnlyCulture(string name)
        : base(name)
    {
        _name = Spelled(name);
    }

    /// <summary>Gets the name in the usual spelling (<c>zh-Hans-HK</c>, <c>en-GB</c>).</summary>
    public override string Name => _name;

    /// <summary>Gets the language: the first part of the name, in lower case.</summary>
    public override string TwoLetterISOLanguageName => _name.Split('-')[0];

    /// <summary>Gets the culture named by the name less its last part; the invariant culture for a language alone.</summary>
    public override CultureInfo Parent => _name.LastIndexOf('-') is var last and > 0 ? new NameOnlyCulture(_name[..last]) : InvariantCulture;

    private static string Spelled(string name) => string.Join('-', name.Split('-', '_').Select((part, i) =>
        i > 0 && part.Length == 4 && part.All(char.IsAsciiLetter) ? char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()
        : i > 0 && part.Length == 2 ? part.ToUpperInvariant()
        : part.ToLowerInvariant()));
}
