using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>The policies a <see cref="ServiceDesk"/> applies. <c>AddCrmCore()</c> fills it from <c>CrmOptions</c>.</summary>
public sealed record DeskSettings
{
    /// <summary>The desk's own policies; default <see cref="DeskOptions"/> defaults.</summary>
    public DeskOptions Desk { get; init; } = new();

    /// <summary>The ticket policies; default <see cref="TicketOptions"/> defaults.</summary>
    public TicketOptions Tickets { get; init; } = new();

    /// <summary>The ticket id pattern; default <c>WT{yyyyMM}{seq:3}</c>.</summary>
    public string TicketIdPattern { get; init; } = "WT{yyyyMM}{seq:3}";

    /// <summary>The time zone ids and local dates are taken in; default Asia/Shanghai.</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
}
