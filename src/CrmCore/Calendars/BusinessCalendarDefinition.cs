using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// The plain data of a business calendar: time zone, weekly hours, holidays, make-up working days and the range of dates it covers.
/// Build it into a fast <see cref="BusinessCalendar"/> with <see cref="BusinessCalendar.Build"/>. Immutable and thread-safe.
/// </summary>
public sealed record BusinessCalendarDefinition
{
    /// <summary>The calendar's name, used by SLA targets to refer to it (for example <c>default</c> or <c>cn-standard</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The IANA time zone id (for example <c>Asia/Shanghai</c>), resolved with the NodaTime tzdb provider.</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>The regular weekly hours. Default: closed every day.</summary>
    public WeeklySchedule Week { get; init; } = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>());

    /// <summary>Holidays, whole-day or partial. A date listed both here and in <see cref="MakeUpDays"/> is invalid. Default: none.</summary>
    public ImmutableArray<Holiday> Holidays { get; init; } = [];

    /// <summary>Make-up working days. Default: none.</summary>
    public ImmutableArray<MakeUpWorkingDay> MakeUpDays { get; init; } = [];

    /// <summary>The hours of a make-up working day that lists none. Default: empty, meaning Monday's hours.</summary>
    public ImmutableArray<OpeningSlot> MakeUpDayHours { get; init; } = [];

    /// <summary>The first local date the precomputed calendar covers. Default: 2000-01-01.</summary>
    public LocalDate HorizonStart { get; init; } = new(2000, 1, 1);

    /// <summary>The last local date the precomputed calendar covers (inclusive). Default: 2099-12-31.</summary>
    public LocalDate HorizonEnd { get; init; } = new(2099, 12, 31);

    /// <summary>The dates the holiday data covers (both ends inclusive): outside them holidays and make-up days are unknown and only
    /// the weekly hours apply, so operations that read such dates warn (<see cref="BusinessCalendar.HolidayCoverageExceeded"/>) or,
    /// in strict mode, throw. Default: null, meaning the whole years from the first to the last listed holiday or make-up working
    /// day; with none listed, no limit.</summary>
    public DateInterval? HolidayCoverage { get; init; }

    /// <summary>When true, operations that read dates outside <see cref="HolidayCoverage"/> throw
    /// <see cref="HolidayCoverageException"/> instead of answering with a warning. Default: false.</summary>
    public bool StrictHolidayCoverage { get; init; }
}
