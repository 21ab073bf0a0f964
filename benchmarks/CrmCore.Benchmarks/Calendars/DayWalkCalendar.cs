using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// The baseline, written lean: business-time arithmetic walking day by day from the start, looking up each date's hours
/// (holiday, make-up day or weekday) in plain arrays and converting each slot's local bounds to instants with two offset
/// lookups. No boxing, no LINQ, no allocation per call (checked by the MemoryDiagnoser column). Valid for the benchmark's
/// zone (Asia/Shanghai, no DST); the benchmarks check that it agrees with the calendar on every input before measuring.
/// </summary>
internal sealed class DayWalkCalendar
{
    private static readonly long BclEpochUnixTicks = NodaConstants.BclEpoch.ToUnixTimeTicks();
    private readonly DateTimeZone _zone;
    private readonly OpeningSlot[][] _week = new OpeningSlot[7][];
    private readonly Dictionary<LocalDate, OpeningSlot[]> _overrides = [];

    public DayWalkCalendar(BusinessCalendarDefinition definition)
    {
        _zone = DateTimeZoneProviders.Tzdb[definition.TimeZoneId];
        for (var d = 0; d < 7; d++)
        {
            _week[d] = [.. definition.Week[(IsoDayOfWeek)(d + 1)]];
        }

        foreach (var h in definition.Holidays)
        {
            _overrides[h.Date] = h.IsWholeDay ? [] : [.. h.OpenHours];
        }

        foreach (var m in definition.MakeUpDays)
        {
            _overrides[m.Date] = m.Hours.IsDefaultOrEmpty ? _week[0] : [.. m.Hours];
        }
    }

    public Instant Add(Instant start, Duration amount)
    {
        var remaining = amount.BclCompatibleTicks;
        var from = start.ToUnixTimeTicks();
        for (var date = start.InZone(_zone).Date; ; date = date.PlusDays(1))
        {
            var midnight = LocalMidnightTicks(date);
            foreach (var slot in Slots(date))
            {
                var s = Math.Max(ToInstantTicks(midnight + slot.StartTick), from);
                var e = ToInstantTicks(midnight + slot.EndTick);
                if (e <= s)
                {
                    continue;
                }

                if (remaining < e - s)
                {
                    return Instant.FromUnixTimeTicks(s + remaining);
                }

                remaining -= e - s;
            }
        }
    }

    public Duration Between(Instant a, Instant b)
    {
        long total = 0;
        long from = a.ToUnixTimeTicks(), to = b.ToUnixTimeTicks();
        var last = b.InZone(_zone).Date;
        for (var date = a.InZone(_zone).Date; date <= last; date = date.PlusDays(1))
        {
            var midnight = LocalMidnightTicks(date);
            foreach (var slot in Slots(date))
            {
                var s = Math.Max(ToInstantTicks(midnight + slot.StartTick), from);
                var e = Math.Min(ToInstantTicks(midnight + slot.EndTick), to);
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return Duration.FromTicks(total);
    }

    public Instant AddWorkingDays(Instant start, int days)
    {
        var anchor = Add(start, Duration.Zero);
        var local = anchor.InZone(_zone).LocalDateTime;
        var date = local.Date;
        for (var counted = 0; counted < days;)
        {
            date = date.PlusDays(1);
            if (Slots(date).Length > 0)
            {
                counted++;
            }
        }

        var slots = Slots(date);
        var midnight = LocalMidnightTicks(date);
        var wanted = ToInstantTicks(midnight + local.TimeOfDay.TickOfDay);
        var first = ToInstantTicks(midnight + slots[0].StartTick);
        var lastClose = ToInstantTicks(midnight + slots[^1].EndTick);
        if (wanted <= first)
        {
            return Instant.FromUnixTimeTicks(first);
        }

        if (wanted >= lastClose)
        {
            return Instant.FromUnixTimeTicks(lastClose);
        }

        foreach (var slot in slots)
        {
            var e = ToInstantTicks(midnight + slot.EndTick);
            if (e > wanted)
            {
                return Instant.FromUnixTimeTicks(Math.Max(ToInstantTicks(midnight + slot.StartTick), wanted));
            }
        }

        return Instant.FromUnixTimeTicks(lastClose);
    }

    private OpeningSlot[] Slots(LocalDate date) => _overrides.TryGetValue(date, out var o) ? o : _week[(int)date.DayOfWeek - 1];

    private static long LocalMidnightTicks(LocalDate date) => ((long)date.ToDateOnly().DayNumber * NodaConstants.TicksPerDay) + BclEpochUnixTicks;

    // Local ticks (as if UTC) to an instant: the offset at the local reading, corrected once; exact away from DST changes.
    private long ToInstantTicks(long local)
    {
        var offset = _zone.GetUtcOffset(Instant.FromUnixTimeTicks(local)).Ticks;
        var guess = local - offset;
        var corrected = _zone.GetUtcOffset(Instant.FromUnixTimeTicks(guess)).Ticks;
        return local - corrected;
    }
}
