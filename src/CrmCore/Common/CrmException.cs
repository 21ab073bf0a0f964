using System.Globalization;

namespace CrmCore;

/// <summary>
/// Base type for broken domain rules in CrmCore (for example an invalid ticket state change).
/// Argument errors use the <see cref="ArgumentException"/> family instead; expected failures such as
/// rule loading are reported through result types, not exceptions.
/// </summary>
public class CrmException : Exception
{
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

    /// <summary>A stable machine-readable code such as <c>CRM-TICKET-TRANSITION</c>; empty when none applies.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>
    /// The message for end users in the given culture. The base implementation returns the English <see cref="Exception.Message"/>;
    /// CrmCore's own exceptions override it with English and zh-Hans texts from resources.
    /// </summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The localized message.</returns>
    public virtual string LocalizedMessage(CultureInfo? culture = null) => Message;
}
