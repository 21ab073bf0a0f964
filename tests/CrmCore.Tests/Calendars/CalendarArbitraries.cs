using System.Collections.Immutable;
using System.Globalization;
using CrmCore.Calendars;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>A random calendar with a few random inputs for one property check.</summary>
public sealed record CalendarCase(BusinessCalendarDefinition Definition, BusinessCalendar Calendar, Instant A, Instant B, Duration D, Duration D2, int N)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"zone={Definition.TimeZoneId} horizon={Definition.HorizonStart}..{Definition.HorizonEnd} week=[{string.Join(" | ", Enumerable.Range(1, 7).Select(d => string.Join(",", Definition.Week[(IsoDayOfWeek)d])))}] " +
        $"holidays=[{string.Join(",", Definition.Holidays.Select(h => $"{h.Date}:{string.Join("+", h.OpenHours.IsDefault ? [] : h.OpenHours)}"))}] " +
        $"makeups=[{string.Join(",", Definition.MakeUpDays.Select(m => $"{m.Date}:{string.Join("+", m.Hours.IsDefault ? [] : m.Hours)}"))}] a={A} b={B} d={D} d2={D2} n={N}");
}

/// <summary>FsCheck generators of random calendars (several slots a day, holidays, make-up days, DST zones) and instants.</summary>
public static class CalendarArbitraries
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe", "Etc/UTC"];

    // Window starts chosen so that each window holds a DST change in some zone, or a year end.
    private static readonly LocalDate[] Windows = [new(2026, 3, 2), new(2026, 10, 19), new(2026, 12, 21), new(2026, 3, 30)];

    public const int WindowDays = 28;

    public static Gen<ImmutableArray<OpeningSlot>> Slots(int maxSlots) =>
        from count in Gen.Choose(0, maxSlots)
        from bounds in Gen.ListOf(Gen.Choose(0, 96), count * 2)
        select ToSlots(bounds);

    private static ImmutableArray<OpeningSlot> ToSlots(IEnumerable<int> quarterHours)
    {
        // Distinct sorted quarter-hour marks, paired into slots; 96 is 24:00.
        var marks = quarterHours.Distinct().Order().ToList();
        var slots = ImmutableArray.CreateBuilder<OpeningSlot>();
        for (var i = 0; i + 1 < marks.Count; i += 2)
        {
            var start = LocalTime.FromMinutesSinceMidnight(marks[i] * 15);
            var end = marks[i + 1] == 96 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(marks[i + 1] * 15);
            slots.Add(new OpeningSlot(start, end));
        }

        return slots.ToImmutable();
    }

    // Zones whose clocks change exactly at midnight, each with a window holding such a change: Sao Paulo (2018: back from 24:00 to
    // 23:00 on 17 February, forward from 00:00 to 01:00 on 4 November), Tehran (2021: forward at 00:00 on 22 March, back at 24:00 on
    // 21 September) and Havana (2026: forward at 00:00 on 8 March; back at 01:00 on 1 November).
    private static readonly (string Zone, LocalDate Window)[] MidnightChanges =
    [
        ("America/Sao_Paulo", new(2018, 2, 12)), ("America/Sao_Paulo", new(2018, 10, 29)),
        ("Asia/Tehran", new(2021, 3, 16)), ("Asia/Tehran", new(2021, 9, 16)),
        ("America/Havana", new(2026, 3, 2)), ("America/Havana", new(2026, 10, 26)),
    ];

    public static Gen<BusinessCalendarDefinition> Definitions() =>
        Definitions(from zone in Gen.Elements(Zones) from window in Gen.Elements(Windows) select (zone, window));

    private static Gen<BusinessCalendarDefinition> Definitions(Gen<(string Zone, LocalDate Window)> places) =>
        from place in places
        let zone = place.Zone
        let window = place.Window
        from monday in Slots(3).Where(s => s.Length > 0)
        from days in Gen.ArrayOf(Slots(3), 6)
        from holidayOffsets in Gen.Choose(0, 5).SelectMany(k => Gen.ListOf(Gen.Choose(0, WindowDays - 1), k))
        from partial in Gen.ArrayOf(Slots(2), 5)
        from makeUpOffsets in Gen.Choose(0, 3).SelectMany(k => Gen.ListOf(Gen.Choose(0, WindowDays - 1), k))
        from makeUpHours in Gen.ArrayOf(Slots(2), 3)
        select Build(zone, window, monday, days, holidayOffsets, partial, makeUpOffsets, makeUpHours);

    private static BusinessCalendarDefinition Build(
        string zone, LocalDate window, ImmutableArray<OpeningSlot> monday, ImmutableArray<OpeningSlot>[] days,
        IEnumerable<int> holidayOffsets, ImmutableArray<OpeningSlot>[] partial, IEnumerable<int> makeUpOffsets, ImmutableArray<OpeningSlot>[] makeUpHours)
    {
        var week = new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>> { [IsoDayOfWeek.Monday] = monday };
        for (var i = 0; i < 6; i++)
        {
            week[(IsoDayOfWeek)(i + 2)] = days[i];
        }

        var holidayDates = holidayOffsets.Distinct().Select(o => window.PlusDays(o)).ToList();
        var holidays = holidayDates.Select((d, i) => new Holiday(d, "H", i % 2 == 0 || i / 2 >= partial.Length ? [] : partial[i / 2])).ToImmutableArray();
        var makeUps = makeUpOffsets.Distinct().Select(o => window.PlusDays(o)).Where(d => !holidayDates.Contains(d))
            .Select((d, i) => new MakeUpWorkingDay(d, "M", i < makeUpHours.Length ? makeUpHours[i] : [])).ToImmutableArray();
        return new BusinessCalendarDefinition
        {
            Name = "random",
            TimeZoneId = zone,
            Week = WeeklySchedule.Create(week),
            Holidays = holidays,
            MakeUpDays = makeUps,
            HorizonStart = window,
            HorizonEnd = window.PlusDays(WindowDays - 1),
        };
    }

    public static Gen<CalendarCase> Cases() => Cases(Definitions());

    /// <summary>Cases in zones whose clocks change exactly at midnight (see <see cref="MidnightChangeArbitraries"/>).</summary>
    public static Gen<CalendarCase> MidnightChangeCases() => Cases(Definitions(Gen.Elements(MidnightChanges)));

    private static Gen<CalendarCase> Cases(Gen<BusinessCalendarDefinition> definitions) =>
        from definition in definitions
        from aMinute in Gen.Choose(0, 12 * 24 * 60)
        from spanMinutes in Gen.Choose(0, 4 * 24 * 60)
        from dMinutes in Gen.Choose(0, 16 * 60)
        from d2Minutes in Gen.Choose(0, 8 * 60)
        from n in Gen.Choose(0, 4)
        let calendar = BusinessCalendar.Build(definition)
        let zone = DateTimeZoneProviders.Tzdb[definition.TimeZoneId]
        let a = zone.AtStartOfDay(definition.HorizonStart).ToInstant() + Duration.FromMinutes(aMinute)
        select new CalendarCase(definition, calendar, a, a + Duration.FromMinutes(spanMinutes), Duration.FromMinutes(dMinutes), Duration.FromMinutes(d2Minutes), n);

    public static Arbitrary<CalendarCase> CalendarCase() => Arb.From(Cases());
}
