using System.Globalization;
using System.Resources;

namespace CrmCore.Import.Localization;

/// <summary>
/// One reason an import gives a row: its resource key (<c>Reason_Date</c>) in one of the import's resource files and its stable,
/// language-independent code, the key without the <see cref="KeyPrefix"/> (<c>Date</c>). The code is derived here, once, when the
/// reason is declared (<see cref="ImportReasons"/> and the entity string classes), so a row's code is a field load of one shared
/// string and the code and the text cannot drift apart. Immutable; thread-safe.
/// </summary>
internal sealed class ImportReason
{
    /// <summary>The prefix of every reason's resource key.</summary>
    public const string KeyPrefix = "Reason_";

    private readonly ResourceManager _resources;

    /// <summary>Declares a reason.</summary>
    /// <param name="key">The resource key, <c>Reason_</c> and the code.</param>
    /// <param name="resources">The resource file holding the key.</param>
    /// <exception cref="ArgumentException">The key does not start with <see cref="KeyPrefix"/> or has nothing after it.</exception>
    public ImportReason(string key, ResourceManager resources)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length == KeyPrefix.Length)
        {
            throw new ArgumentException($"A reason's resource key is '{KeyPrefix}' and its code; '{key}' is not.", nameof(key));
        }

        Key = key;
        Code = string.Intern(key[KeyPrefix.Length..]);
        _resources = resources;
    }

    /// <summary>The resource key (<c>Reason_Date</c>).</summary>
    public string Key { get; }

    /// <summary>The code: the key without <see cref="KeyPrefix"/> (<c>Date</c>), interned.</summary>
    public string Code { get; }

    /// <summary>The reason's text in the culture (the current UI culture when null), with its code.</summary>
    public RowReason Text(CultureInfo? culture) => new(Code, Lookup(culture ?? CultureInfo.CurrentUICulture));

    /// <summary>The reason's text in the culture (the current UI culture when null) with <paramref name="args"/> filled in, with its code.</summary>
    public RowReason Format(CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return new RowReason(Code, string.Format(culture, Lookup(culture), args));
    }

    private string Lookup(CultureInfo culture) => _resources.GetString(Key, culture) ?? Key;
}
