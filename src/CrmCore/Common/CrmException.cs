using System.Globalization;
using CrmCore.Localization;

namespace CrmCore;

/// <summary>
/// Base type for broken domain rules in CrmCore (for example an invalid ticket state change).
/// Argument errors use the <see cref="ArgumentException"/> family instead; expected failures such as
/// rule loading are reported through result types, not exceptions.
/// </summary>
public class CrmException : Exception
{
    /// <summary>The resource of <c>Strings.resx</c> that words the message, for an exception made by <see cref="Worded(string, string, object?[])"/>.</summary>
    private readonly string? _key;

    /// <summary>The arguments of <see cref="_key"/> in a culture (a list of problems is worded in each language).</summary>
    private readonly Func<CultureInfo, object?[]>? _args;

    /// <summary>Creates an exception with no message.</summary>
    public CrmException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">An English message; user-facing hosts can map <see cref="Code"/> to a localized text.</param>
    public CrmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">An English message.</param>
    /// <param name="innerException">The cause.</param>
    public CrmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private CrmException(string code, string key, Func<CultureInfo, object?[]> args)
        : base(Strings.Format(key, CultureInfo.InvariantCulture, args(CultureInfo.InvariantCulture)))
    {
        Code = code;
        _key = key;
        _args = args;
    }

    /// <summary>A stable machine-readable code such as <c>CRM-TICKET-TRANSITION</c>; empty when none applies.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>
    /// The message for end users in the given culture. The base implementation returns the English <see cref="Exception.Message"/>, or
    /// for a plain exception the libraries throw (<see cref="Worded(string, string, object?[])"/>) its English or zh-Hans text; CrmCore's
    /// own exception types override it with English and zh-Hans texts from resources.
    /// </summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The localized message.</returns>
    public virtual string LocalizedMessage(CultureInfo? culture = null)
    {
        if (_key is null || _args is null)
        {
            return Message;
        }

        culture ??= CultureInfo.CurrentUICulture;
        return Strings.Format(_key, culture, _args(culture));
    }

    /// <summary>
    /// A plain <see cref="CrmException"/> with a <paramref name="code"/> and a message worded by the resource <paramref name="key"/> of
    /// <c>Strings.resx</c>, in English (<see cref="Exception.Message"/>) and zh-Hans (<see cref="LocalizedMessage"/>). Every plain
    /// CrmException thrown in the libraries is made here, so none speaks English only (a test finds every call and its resource).
    /// </summary>
    /// <param name="code">The stable code, such as <c>CRM-QUEUE-DUPLICATE</c>.</param>
    /// <param name="key">The resource's key.</param>
    /// <param name="args">The resource's arguments.</param>
    internal static CrmException Worded(string code, string key, params object?[] args) => new(code, key, _ => args);

    /// <summary>As <see cref="Worded(string, string, object?[])"/>, with arguments worded in each culture (a list of problems).</summary>
    /// <param name="code">The stable code.</param>
    /// <param name="key">The resource's key.</param>
    /// <param name="args">The resource's arguments in a culture.</param>
    internal static CrmException Worded(string code, string key, Func<CultureInfo, object?[]> args) => new(code, key, args);
}
