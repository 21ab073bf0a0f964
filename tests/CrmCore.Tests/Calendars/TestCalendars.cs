using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>Calendars shared by the example tests.</summary>
internal static class TestCalendars
{
    private static readonly Lazy<BusinessCalendar> China = new(() =>
        CalendarJson.Load(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport).GetValueOrThrow());

    /// <summary>samples/data/calendars/cn-standard.json with the real 2025 and 2026 schedules.</summary>
    public static BusinessCalendar CnStandard => China.Value;

    public static DateTimeZone Shanghai { get; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static Instant Cn(int y, int m, int d, int h, int min = 0) => new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    public static LocalDateTime LocalCn(Instant i) => i.InZone(Shanghai).LocalDateTime;
}
