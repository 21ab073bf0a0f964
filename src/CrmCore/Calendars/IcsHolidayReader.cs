using System.Collections.Immutable;
using System.Globalization;
using Ical.Net.CalendarComponents;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// Reads holidays and make-up working days from an iCalendar (<c>.ics</c>) holiday feed such as China's official schedule.
/// Each all-day event covers the dates from <c>DTSTART</c> to the day before <c>DTEND</c>, and every date is listed.
/// An event is a make-up working day (班) when <c>X-APPLE-SPECIAL-DAY</c> is <c>ALTERNATE-WORKDAY</c> or, without that property, its
/// <c>SUMMARY</c> ends in <c>(班)</c>; it is a day off (休) when the property is <c>WORK-HOLIDAY</c> or the summary ends in <c>(休)</c>.
/// Other events are whole-day holidays. Thread-safe (stateless).
/// </summary>
public static class IcsHolidayReader
{
    private const string SpecialDay = "X-APPLE-SPECIAL-DAY";

    /// <summary>Reads the holidays of an iCalendar text. Never throws for bad input: problems are listed in the result.</summary>
    /// <param name="icsText">The iCalendar text.</param>
    /// <returns>The holidays, make-up days and problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="icsText"/> is null.</exception>
    public static HolidayImport Read(string icsText)
    {
        ArgumentNullException.ThrowIfNull(icsText);
        var problems = new List<LoadProblem>();
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(icsText);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return new HolidayImport([], [], [LoadProblem.Of("VCALENDAR", "Load_IcsHolidayReader_34", ex.Message)]);
        }

        if (calendar is null)
        {
            return new HolidayImport([], [], [LoadProblem.Of("VCALENDAR", "Load_IcsHolidayReader_35")]);
        }

        var holidays = new SortedDictionary<LocalDate, Holiday>();
        var workdays = new SortedDictionary<LocalDate, MakeUpWorkingDay>();
        var number = 0;
        foreach (var evt in calendar.Events)
        {
            number++;
            var path = string.Create(CultureInfo.InvariantCulture, $"VEVENT #{number} ({evt.Summary})");
            if (evt.DtStart is null)
            {
                problems.Add(LoadProblem.Of(path, "Load_IcsHolidayReader_36"));
                continue;
            }

            var first = LocalDate.FromDateOnly(evt.DtStart.Date);
            var endExclusive = evt.DtEnd is null ? first.PlusDays(1) : LocalDate.FromDateOnly(evt.DtEnd.Date);
            if (evt.DtStart.HasTime || (evt.DtEnd?.HasTime ?? false))
            {
                problems.Add(LoadProblem.Of(path, "Load_IcsHolidayReader_37"));
                continue;
            }

            if (endExclusive <= first)
            {
                endExclusive = first.PlusDays(1);
            }

            var isWorkday = IsWorkday(evt);
            var name = CleanName(evt.Summary);
            for (var d = first; d < endExclusive; d = d.PlusDays(1))
            {
                var clash = isWorkday ? holidays.ContainsKey(d) : workdays.ContainsKey(d);
                if (clash)
                {
                    problems.Add(LoadProblem.Of(path, "Load_IcsHolidayReader_38", d));
                    continue;
                }

                if (isWorkday)
                {
                    workdays.TryAdd(d, new MakeUpWorkingDay(d, name));
                }
                else
                {
                    holidays.TryAdd(d, new Holiday(d, name));
                }
            }
        }

        return new HolidayImport([.. holidays.Values], [.. workdays.Values], [.. problems]);
    }

    private static bool IsWorkday(CalendarEvent evt)
    {
        var special = evt.Properties.Get<string>(SpecialDay);
        if (!string.IsNullOrWhiteSpace(special))
        {
            return string.Equals(special.Trim(), "ALTERNATE-WORKDAY", StringComparison.OrdinalIgnoreCase);
        }

        var summary = evt.Summary?.Trim() ?? string.Empty;
        return summary.EndsWith("(班)", StringComparison.Ordinal) || summary.EndsWith("（班）", StringComparison.Ordinal);
    }

    private static string CleanName(string? summary)
    {
        var s = summary?.Trim() ?? string.Empty;
        foreach (var suffix in (string[])["(休)", "(班)", "（休）", "（班）"])
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                return s[..^suffix.Length].Trim();
            }
        }

        return s;
    }
}
