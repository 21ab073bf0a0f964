using System.Globalization;
using System.Resources;
using CrmCore.Localization;

namespace CrmCore.Import.Localization;

/// <summary>
/// One reason an import gives a row: its resource key (<c>Reason_Date</c>) in one of the import's resource files and its stable,
/// language-independent code, the key without the <see cref="KeyPrefix"/> (<c>Date</c>). A reason worded two ways keeps one code:
/// the second wording's key adds <c>_</c> and a variant name (<c>Reason_UnknownType_WithHostTypes</c>, code <c>UnknownType</c>).
/// The code is derived here, once, when the reason is declared (<see cref="ImportReasons"/> and the entity string classes), so a
/// row's code is a field load of one shared string and the code and the text cannot drift apart. A refusal the domain words already
/// (an asset hierarchy's <c>ParentCycle</c>) is declared for its code only (<see cref="WordedElsewhere"/>) and takes the domain's text.
/// Immutable; thread-safe.
/// </summary>
internal sealed class ImportReason
{
    /// <summary>The prefix of every reason's resource key.</summary>
    public const string KeyPrefix = "Reason_";

    /// <summary>What separates a code from the variant of its wording in a key.</summary>
    public const char VariantSeparator = '_';

    private readonly ResourceManager? _resources;

    /// <summary>Declares a reason.</summary>
    /// <param name="key">The resource key: <c>Reason_</c> and the code, optionally followed by <c>_</c> and a variant name.</param>
    /// <param name="resources">The resource file holding the key.</param>
    /// <exception cref="ArgumentException">The key does not start with <see cref="KeyPrefix"/>, has no code after it, or an empty
    /// variant.</exception>
    public ImportReason(string key, ResourceManager resources)
        : this(key)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
    }

    private ImportReason(string key)
    {
        Key = key;
        Code = string.Intern(CodeOf(key));
    }

    /// <summary>The resource key (<c>Reason_Date</c>).</summary>
    public string Key { get; }

    /// <summary>The code: the key without <see cref="KeyPrefix"/> and without a variant (<c>Date</c>), interned.</summary>
    public string Code { get; }

    /// <summary>Whether the reason's text is worded elsewhere (<see cref="WordedElsewhere"/>) rather than in the import's resources.</summary>
    public bool IsWordedElsewhere => _resources is null;

    /// <summary>
    /// Declares a reason whose text is another package's wording of the same refusal (the message of the domain's exception), given
    /// with <see cref="With"/>: the import declares its code only, and its resource files hold no text for it (one concept, one text).
    /// </summary>
    /// <param name="key">The key the reason would have: <c>Reason_</c> and the code (the code is derived as for any reason).</param>
    /// <returns>The reason.</returns>
    /// <exception cref="ArgumentException">The key is not a reason's key (see the constructor).</exception>
    public static ImportReason WordedElsewhere(string key) => new(key);

    /// <summary>The code of a reason's resource key: the key without <see cref="KeyPrefix"/> and without a variant
    /// (<c>Reason_UnknownType_WithHostTypes</c> → <c>UnknownType</c>).</summary>
    /// <param name="key">The resource key.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentException">The key does not start with <see cref="KeyPrefix"/>, has no code after it, or an empty
    /// variant.</exception>
    public static string CodeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rest = key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key[KeyPrefix.Length..] : string.Empty;
        var separator = rest.IndexOf(VariantSeparator);
        var code = separator < 0 ? rest : rest[..separator];
        if (code.Length == 0 || separator == rest.Length - 1)
        {
            throw new ArgumentException($"A reason's resource key is '{KeyPrefix}', its code and optionally '{VariantSeparator}' and a variant; '{key}' is not.", nameof(key));
        }

        return code;
    }

    /// <summary>The reason with a text worded elsewhere (<see cref="WordedElsewhere"/>), with its code.</summary>
    /// <param name="text">The text, in the import's language.</param>
    /// <returns>The code and the text.</returns>
    /// <exception cref="InvalidOperationException">The reason has a text of its own in the import's resources (use <see cref="Format"/>).</exception>
    public RowReason With(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _resources is null
            ? new RowReason(Code, text)
            : throw new InvalidOperationException($"{Code} is worded in the import's resources ({Key}): give its text with {nameof(Format)}.");
    }

    /// <summary>The reason's text in the culture (the current UI culture when null), with its code.</summary>
    public RowReason Text(CultureInfo? culture) => new(Code, Lookup(culture ?? CultureInfo.CurrentUICulture));

    /// <summary>The reason's text in the culture (the current UI culture when null) with <paramref name="args"/> filled in, with its code.</summary>
    public RowReason Format(CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return new RowReason(Code, string.Format(culture, Lookup(culture), args));
    }

    private string Lookup(CultureInfo culture) =>
        _resources is null
            ? throw new InvalidOperationException($"The text of {Code} is worded elsewhere: give it with {nameof(With)}.")
            : _resources.GetString(Key, TextCultures.For(culture)) ?? Key;
}
