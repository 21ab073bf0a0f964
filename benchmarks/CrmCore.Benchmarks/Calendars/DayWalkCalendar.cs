using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// The baseline: business-time arithmetic the way most helpdesks do it, walking day by day from the start, looking up each
/// date's hours (holiday, make-up day or weekday) and resolving its slots in the time zone.
/// </summary>
internal sealed class DayWalkCalendar
{
    private readonly BusinessCalendarDefinition _definition;
    private readonly DateTimeZone _zone;
    private readonly Dictionary<LocalDate, OpeningSlot[]> _overrides = [];

    public DayWalkCalendar(BusinessCalendarDefinition definition)
    {
        _definition = definition;
        _zone = DateTimeZoneProviders.Tzdb[definition.TimeZoneId];
        foreach (var h in definition.Holidays)
        {
            _overrides[h.Date] = h.IsWholeDay ? [] : [.. h.OpenHours];
        }

        foreach (var m in definition.MakeUpDays)
        {
            _overrides[m.Date] = m.Hours.IsDefaultOrEmpty ? [.. definition.Week[IsoDayOfWeek.Monday]] : [.. m.Hours];
        }
    }

    private IEnumerable<OpeningSlot> Slots(LocalDate date) => _overrides.TryGetValue(date, out var o) ? o : _definition.Week[date.DayOfWeek];

    private (Instant Start, Instant End) Resolve(LocalDate date, OpeningSlot slot) =>
        (date.At(slot.Start).InZoneLeniently(_zone).ToInstant(),
         (slot.End == LocalTime.Midnight ? date.PlusDays(1).AtMidnight() : date.At(slot.End)).InZoneLeniently(_zone).ToInstant());

    public Instant Add(Instant start, Duration amount)
    {
        var remaining = amount;
        for (var date = start.InZone(_zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var slot in Slots(date))
            {
                var (s, e) = Resolve(date, slot);
                if (s < start)
                {
                    s = start;
                }

                if (e <= s)
                {
                    continue;
                }

                if (remaining < e - s)
                {
                    return s + remaining;
                }

                remaining -= e - s;
            }
        }
    }

    public Duration Between(Instant a, Instant b)
    {
        var total = Duration.Zero;
        for (var date = a.InZone(_zone).Date; date <= b.InZone(_zone).Date; date = date.PlusDays(1))
        {
            foreach (var slot in Slots(date))
            {
                var (s, e) = Resolve(date, slot);
                s = s < a ? a : s;
                e = e > b ? b : e;
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return total;
    }

    public Instant AddWorkingDays(Instant start, int days)
    {
        var anchor = Add(start, Duration.Zero);
        var local = anchor.InZone(_zone).LocalDateTime;
        var date = local.Date;
        for (var counted = 0; counted < days;)
        {
            date = date.PlusDays(1);
            if (Slots(date).Any())
            {
                counted++;
            }
        }

        var slots = Slots(date).Select(s => Resolve(date, s)).ToList();
        var wanted = (date + local.TimeOfDay).InZoneLeniently(_zone).ToInstant();
        if (wanted <= slots[0].Start)
        {
            return slots[0].Start;
        }

        if (wanted >= slots[^1].End)
        {
            return slots[^1].End;
        }

        return slots.Where(s => s.End > wanted).Select(s => s.Start > wanted ? s.Start : wanted).First();
    }
}
