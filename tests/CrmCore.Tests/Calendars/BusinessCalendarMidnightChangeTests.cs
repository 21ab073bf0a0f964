using System.Collections.Immutable;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// Zones whose UTC offset changes exactly at midnight: a date that starts at 01:00 (its midnight falls into the gap) and a 25-hour
/// date whose 24:00 comes twice. A 24:00 closing keeps its day as time of day 24:00 when counting working days backwards, even when
/// the next date starts at 01:00.
/// </summary>
public sealed class BusinessCalendarMidnightChangeTests
{
    private static readonly DateTimeZone SaoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
    private static readonly OpeningSlot WholeDay = OpeningSlot.WholeDay;
    private static readonly OpeningSlot NineToMidnight = new(new LocalTime(9, 0), LocalTime.Midnight);

    // Every day open for the slot; the holiday only keeps a whole-day calendar from being "always open" (it lies outside every count).
    private static BusinessCalendarDefinition Daily(string zone, LocalDate from, OpeningSlot slot) => new()
    {
        Name = "daily",
        TimeZoneId = zone,
        Week = WeeklySchedule.Create(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IEnumerable<OpeningSlot>)[slot])),
        Holidays = [new Holiday(from.PlusDays(20), "closed")],
        HorizonStart = from,
        HorizonEnd = from.PlusDays(21),
    };

    private static Instant StartOf(LocalDate date) => SaoPaulo.AtStartOfDay(date).ToInstant();

    [Fact]
    public void TheZones_ChangeTheirOffsetAtMidnight()
    {
        // The facts the tests below rely on: 2018-11-04 starts at 01:00, and the 24:00 of 2018-02-17 comes twice (first at -02).
        Assert.Equal(new LocalTime(1, 0), SaoPaulo.AtStartOfDay(new LocalDate(2018, 11, 4)).TimeOfDay);
        Assert.Equal(Duration.FromHours(25), StartOf(new LocalDate(2018, 2, 18)) - StartOf(new LocalDate(2018, 2, 17)));
        Assert.Equal(Instant.FromUtc(2018, 2, 18, 2, 0), SaoPaulo.GetZoneInterval(StartOf(new LocalDate(2018, 2, 17))).End);
    }

    [Fact]
    public void BackFromA2400Closing_BeforeADateThatStartsAt0100_LandsAt2400()
    {
        // Saturday 2018-11-03 closes at 24:00, the instant Sunday starts at 01:00. One working day back is Friday's 24:00, not 01:00
        // on Saturday (the 25 hours from Saturday's midnight to that instant are 24:00 on the clock of Saturday).
        var calendar = BusinessCalendar.Build(Daily("America/Sao_Paulo", new LocalDate(2018, 10, 25), WholeDay));
        var saturdayEnd = StartOf(new LocalDate(2018, 11, 4));

        Assert.Equal(StartOf(new LocalDate(2018, 11, 3)), calendar.AddWorkingDays(saturdayEnd, -1));
        Assert.Equal(StartOf(new LocalDate(2018, 11, 2)), calendar.AddWorkingDays(saturdayEnd, -2));
        Assert.Equal(StartOf(new LocalDate(2018, 11, 3)), calendar.AddWorkingDays(saturdayEnd - Duration.FromMinutes(1), -1) + Duration.FromMinutes(1));
    }

    [Fact]
    public void ATwentyFiveHourDay_EndsAtItsSecond2400_BothWays()
    {
        // Saturday 2018-02-17 lasts 25 hours: 23:00–24:00 comes twice. Its end of business is the second 24:00 (Sunday 00:00 at -03).
        var calendar = BusinessCalendar.Build(Daily("America/Sao_Paulo", new LocalDate(2018, 2, 5), WholeDay));
        var saturdayStart = StartOf(new LocalDate(2018, 2, 17));
        var sundayStart = StartOf(new LocalDate(2018, 2, 18));
        var tuesdayStart = StartOf(new LocalDate(2018, 2, 20));

        // Monday's 24:00, two working days back: Saturday's 24:00.
        Assert.Equal(sundayStart, calendar.AddWorkingDays(tuesdayStart, -2));

        // Saturday's 24:00 itself, one working day back: Friday's 24:00 (not 01:00 on Saturday).
        Assert.Equal(saturdayStart, calendar.AddWorkingDays(sundayStart, -1));
        Assert.Equal(Duration.FromHours(25), calendar.BusinessTimeBetween(saturdayStart, sundayStart));
        Assert.Equal(saturdayStart, calendar.Subtract(sundayStart, Duration.FromHours(25)));
    }

    public static TheoryData<string, LocalDate> MidnightChanges() => new()
    {
        { "America/Sao_Paulo", new LocalDate(2018, 2, 12) },
        { "America/Sao_Paulo", new LocalDate(2018, 10, 30) },
        { "Asia/Tehran", new LocalDate(2021, 3, 16) },
        { "Asia/Tehran", new LocalDate(2021, 9, 16) },
        { "America/Havana", new LocalDate(2026, 3, 3) },
    };

    // From every midnight of the window (each the 24:00 closing of the date before), and one minute on either side, every operation
    // agrees with the minute oracle; the windows hold the change.
    [Theory]
    [MemberData(nameof(MidnightChanges))]
    public void EveryOperation_AroundEachMidnight_AgreesWithTheOracle(string zoneId, LocalDate from)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        foreach (var slot in (ImmutableArray<OpeningSlot>)[WholeDay, NineToMidnight])
        {
            var definition = Daily(zoneId, from, slot);
            var calendar = BusinessCalendar.Build(definition);
            var oracle = new NaiveCalendar(definition);
            for (var date = from.PlusDays(3); date <= from.PlusDays(10); date = date.PlusDays(1))
            {
                var midnight = zone.AtStartOfDay(date).ToInstant();
                foreach (var t in (Instant[])[midnight - Duration.FromMinutes(1), midnight, midnight + Duration.FromMinutes(1)])
                {
                    var case_ = $"{zoneId} {slot} at {t.InZone(zone)}";
                    Assert.True(oracle.PreviousClose(t) == calendar.PreviousClose(t), case_);
                    Assert.True(oracle.NextOpen(t) == calendar.NextOpen(t), case_);
                    Assert.True(oracle.Subtract(t, Duration.FromHours(25)) == calendar.Subtract(t, Duration.FromHours(25)), case_);
                    Assert.True(oracle.Add(t, Duration.FromHours(25)) == calendar.Add(t, Duration.FromHours(25)), case_);
                    Assert.True(oracle.Between(t - Duration.FromHours(30), t) == calendar.BusinessTimeBetween(t - Duration.FromHours(30), t), case_);
                    for (var n = 1; n <= 2; n++)
                    {
                        Assert.True(oracle.SubtractWorkingDays(t, n) == calendar.AddWorkingDays(t, -n), $"{case_} n=-{n}");
                        Assert.True(oracle.AddWorkingDays(t, n) == calendar.AddWorkingDays(t, n), $"{case_} n={n}");
                    }
                }
            }
        }
    }
}
