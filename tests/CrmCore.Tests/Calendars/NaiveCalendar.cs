using System.Collections.Immutable;
using CrmCore.Calendars;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// The test oracle: a calendar evaluated minute by minute from local date and time only, with no precomputation. Valid for
/// minute-aligned slots and instants (DST transitions of the zones used are minute-aligned too).
/// </summary>
internal sealed class NaiveCalendar(BusinessCalendarDefinition definition)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[definition.TimeZoneId];
    private readonly Instant _start = definition.HorizonStart.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb[definition.TimeZoneId]).ToInstant();
    private readonly Instant _end = definition.HorizonEnd.PlusDays(1).AtStartOfDayInZone(DateTimeZoneProviders.Tzdb[definition.TimeZoneId]).ToInstant();

    public ImmutableArray<OpeningSlot> SlotsOn(LocalDate date)
    {
        var holiday = definition.Holidays.FirstOrDefault(h => h.Date == date);
        if (holiday is not null)
        {
            return holiday.OpenHours.IsDefault ? [] : holiday.OpenHours;
        }

        var makeUp = definition.MakeUpDays.FirstOrDefault(m => m.Date == date);
        if (makeUp is not null)
        {
            return !makeUp.Hours.IsDefaultOrEmpty ? makeUp.Hours
                : !definition.MakeUpDayHours.IsDefaultOrEmpty ? definition.MakeUpDayHours
                : definition.Week[IsoDayOfWeek.Monday];
        }

        return definition.Week[date.DayOfWeek];
    }

    public bool IsOpen(Instant t)
    {
        var local = t.InZone(_zone).LocalDateTime;
        var tick = local.TimeOfDay.TickOfDay;
        foreach (var s in SlotsOn(local.Date))
        {
            var end = s.End == LocalTime.Midnight ? NodaConstants.TicksPerDay : s.End.TickOfDay;
            if (tick >= s.Start.TickOfDay && tick < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null when the horizon ends first.</summary>
    public Instant? NextOpen(Instant t)
    {
        for (; t < _end; t += Minute)
        {
            if (IsOpen(t))
            {
                return t;
            }
        }

        return null;
    }

    public Duration Between(Instant a, Instant b)
    {
        var sign = 1;
        if (b < a)
        {
            (a, b) = (b, a);
            sign = -1;
        }

        var minutes = 0;
        for (var t = a; t < b; t += Minute)
        {
            if (IsOpen(t))
            {
                minutes++;
            }
        }

        return Duration.FromMinutes(minutes * sign);
    }

    /// <summary>Null when the horizon ends first.</summary>
    public Instant? Add(Instant a, Duration d)
    {
        var remaining = d;
        for (var t = a; t < _end; t += Minute)
        {
            if (IsOpen(t))
            {
                if (remaining == Duration.Zero)
                {
                    return t;
                }

                remaining -= Minute;
            }
        }

        return null;
    }

    /// <summary>The last instant at or before t whose preceding minute is open; null when the horizon starts first.</summary>
    public Instant? PreviousClose(Instant t) => Subtract(t, Duration.Zero);

    /// <summary>Walks back minute by minute from the end: the earliest instant from which d of open time passes until the end
    /// (at a gap, the closing time before it). Null when the horizon starts first.</summary>
    public Instant? Subtract(Instant end, Duration d)
    {
        var remaining = d;
        for (var t = end; t > _start; t -= Minute)
        {
            if (IsOpen(t - Minute))
            {
                if (remaining == Duration.Zero)
                {
                    return t;
                }

                remaining -= Minute;
            }
        }

        return null;
    }

    /// <summary>Counting backwards: anchor at the previous closing, date of the open minute before it, the anchor's local time of
    /// day on that date (24:00 for the next date's first instant), clamped into the target day's hours. Null when the
    /// horizon starts first.</summary>
    public Instant? SubtractWorkingDays(Instant a, int n)
    {
        if (PreviousClose(a) is not { } anchor)
        {
            return null;
        }

        var day = (anchor - Minute).InZone(_zone).LocalDateTime.Date;
        // The anchor lies on that date, or is the next date's first instant: 24:00, even when the next date starts at 01:00 (a DST gap
        // at midnight).
        var local = anchor.InZone(_zone).LocalDateTime;
        var tickOfDay = local.Date == day ? local.TimeOfDay.TickOfDay : NodaConstants.TicksPerDay;
        var date = day;
        var count = 0;
        while (count < n)
        {
            date = date.PlusDays(-1);
            if (date < definition.HorizonStart)
            {
                return null;
            }

            if (DayOpenMinutes(date).Any())
            {
                count++;
            }
        }

        var minutes = DayOpenMinutes(date).ToList();
        var first = minutes[0];
        var lastClose = minutes[^1] + Minute;
        var wanted = _zone.ResolveLocal(date.AtMidnight().PlusTicks(tickOfDay), Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter)).ToInstant();
        if (wanted >= lastClose)
        {
            return lastClose;
        }

        if (wanted <= first)
        {
            return first;
        }

        return PreviousClose(wanted);
    }

    /// <summary>Null when the horizon ends first.</summary>
    public Instant? AddWorkingDays(Instant a, int n)
    {
        if (NextOpen(a) is not { } anchor)
        {
            return null;
        }

        if (n == 0)
        {
            return anchor;
        }

        var local = anchor.InZone(_zone).LocalDateTime;
        var date = local.Date;
        var count = 0;
        while (count < n)
        {
            date = date.PlusDays(1);
            if (date > definition.HorizonEnd)
            {
                return null;
            }

            if (DayOpenMinutes(date).Any())
            {
                count++;
            }
        }

        var minutes = DayOpenMinutes(date).ToList();
        var first = minutes[0];
        var lastClose = minutes[^1] + Minute;
        var wanted = _zone.ResolveLocal(date + local.TimeOfDay, Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter)).ToInstant();
        if (wanted <= first)
        {
            return first;
        }

        if (wanted >= lastClose)
        {
            return lastClose;
        }

        return minutes.First(m => m >= wanted);
    }

    private IEnumerable<Instant> DayOpenMinutes(LocalDate date)
    {
        var start = _zone.AtStartOfDay(date).ToInstant();
        var end = _zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        for (var t = start; t < end; t += Minute)
        {
            if (IsOpen(t))
            {
                yield return t;
            }
        }
    }
}
