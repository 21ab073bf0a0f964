using CrmCore.Identifiers;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore;

/// <summary>Checks <see cref="CrmOptions"/> and reports every problem at once. Registered by <c>AddCrmCore()</c>. Thread-safe.</summary>
internal sealed class CrmOptionsValidator : IValidateOptions<CrmOptions>
{
    /// <summary>Validates the options.</summary>
    /// <param name="name">The options name (unused: every instance is checked).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every problem.</returns>
    public ValidateOptionsResult Validate(string? name, CrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IdPattern.TryParse(options.CustomerIdPattern, out _, out var customerError))
        {
            failures.Add($"{nameof(CrmOptions.CustomerIdPattern)}: {customerError}");
        }

        if (!IdPattern.TryParse(options.TicketIdPattern, out _, out var ticketError))
        {
            failures.Add($"{nameof(CrmOptions.TicketIdPattern)}: {ticketError}");
        }

        if (options.TimeZoneId is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZoneId) is null)
        {
            failures.Add($"{nameof(CrmOptions.TimeZoneId)}: '{options.TimeZoneId}' is not an IANA time zone id such as 'Asia/Shanghai'.");
        }

        if (options.Tickets is null)
        {
            failures.Add($"{nameof(CrmOptions.Tickets)}: the ticket options are missing.");
        }
        else if (options.Tickets.ReopenWindow < Duration.Zero)
        {
            failures.Add($"{nameof(CrmOptions.Tickets)}.{nameof(Tickets.TicketOptions.ReopenWindow)}: {options.Tickets.ReopenWindow} is negative; use zero to forbid reopening.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
