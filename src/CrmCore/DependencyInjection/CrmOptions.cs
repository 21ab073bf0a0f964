using CrmCore.Tickets;
using NodaTime;

namespace CrmCore;

/// <summary>
/// Settings of the CrmCore domain services registered by <c>AddCrmCore()</c>. Validated when the host starts (and whenever the options
/// are first read): a bad pattern, an unknown time zone or a negative reopen window stops the host with every problem listed.
/// Not thread-safe while being configured.
/// </summary>
public sealed class CrmOptions
{
    /// <summary>The customer id pattern (see <see cref="Identifiers.IdPattern"/>); default <c>C{yyyyMM}{seq:3}</c>, for example <c>C202405001</c>.</summary>
    public string CustomerIdPattern { get; set; } = "C{yyyyMM}{seq:3}";

    /// <summary>The ticket id pattern (see <see cref="Identifiers.IdPattern"/>); default <c>WT{yyyyMM}{seq:3}</c>, for example <c>WT202403001</c>.</summary>
    public string TicketIdPattern { get; set; } = "WT{yyyyMM}{seq:3}";

    /// <summary>The IANA time zone in which id periods (months, days) are counted; default <c>Asia/Shanghai</c>.</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>Ticket policies (reopen window, default 7 days).</summary>
    public TicketOptions Tickets { get; set; } = new();

    /// <summary>The service desk's policies (queue owner, revisit reminder delay); default <see cref="Desk.DeskOptions"/> defaults.</summary>
    public Desk.DeskOptions Desk { get; set; } = new();

    /// <summary>The time zone named by <see cref="TimeZoneId"/>.</summary>
    /// <returns>The zone from the TZDB provider.</returns>
    /// <exception cref="NodaTime.TimeZones.DateTimeZoneNotFoundException">The id is unknown.</exception>
    public DateTimeZone ResolveTimeZone() => DateTimeZoneProviders.Tzdb[TimeZoneId];
}
