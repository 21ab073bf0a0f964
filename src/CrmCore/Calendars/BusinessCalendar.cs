using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmCore.Calendars;

/// <summary>
/// A business calendar precomputed for fast arithmetic in business time: its open intervals over the horizon are materialised as
/// sorted arrays of instants with a running total of open time, indexed by instant and by business position, and each working day
/// has an ordinal with its start instant and first opening and last closing, so <see cref="Add"/>, <see cref="Subtract"/>,
/// <see cref="BusinessTimeBetween"/>, <see cref="AddWorkingDays"/>, <see cref="NextOpen"/> and <see cref="PreviousClose"/> take constant
/// time and allocate nothing; only working days on which the UTC offset changes consult the time zone.
/// </summary>
/// <remarks>
/// <para>An instant is open when its local date and local time fall inside one of that date's opening slots, so DST gaps and
/// repeated hours are handled exactly. Precision is one tick (100 ns); sub-tick nanoseconds of inputs are dropped.</para>
/// <para>Instances are immutable and thread-safe once built. Operations outside the horizon throw <see cref="CalendarHorizonException"/>,
/// except for a calendar open 24/7 without holidays, which has no horizon.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    private const long MaxOffsetTicks = 18 * NodaConstants.TicksPerHour;
    private static readonly ZoneLocalMappingResolver TimeOfDayResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly long[] _cumulativeEnd;
    private readonly int[] _workingDays;
    private readonly long[] _dayFirstOpen;
    private readonly long[] _dayLastClose;
    private readonly long[] _dayStart;
    private readonly bool[] _dayUniform;
    private readonly int[] _dateOrdinal;
    private readonly int _firstDayNumber;
    private readonly SortedTicksIndex _startIndex;
    private readonly SortedTicksIndex _positionIndex;
    private readonly SortedTicksIndex _dayStartIndex;
    private readonly long _horizonStart;
    private readonly long _horizonEnd;
    private readonly long _coverageStart;
    private readonly long _coverageEnd;
    private readonly Dictionary<LocalDate, ImmutableArray<OpeningSlot>> _overrides;

    private BusinessCalendar(BusinessCalendarDefinition definition, DateTimeZone zone, bool alwaysOpen, Parts parts, Dictionary<LocalDate, ImmutableArray<OpeningSlot>> overrides)
    {
        _overrides = overrides;
        Definition = definition;
        Zone = zone;
        IsAlwaysOpen = alwaysOpen;
        _starts = parts.Starts;
        _ends = parts.Ends;
        _cumulativeEnd = parts.CumulativeEnd;
        _workingDays = parts.WorkingDays;
        _dayFirstOpen = parts.DayFirstOpen;
        _dayLastClose = parts.DayLastClose;
        _dayStart = parts.DayStart;
        _dayUniform = parts.DayUniform;
        _dateOrdinal = parts.DateOrdinal;
        _firstDayNumber = DayNumber(definition.HorizonStart);
        _horizonStart = parts.HorizonStart;
        _horizonEnd = parts.HorizonEnd;
        _startIndex = new SortedTicksIndex(_starts);
        _positionIndex = new SortedTicksIndex(_cumulativeEnd);
        _dayStartIndex = new SortedTicksIndex(_dayStart);
        HolidayCoverage = definition.HolidayCoverage ?? InferCoverage(definition);
        _coverageStart = HolidayCoverage is null ? long.MinValue : zone.AtStartOfDay(HolidayCoverage.Start).ToInstant().ToUnixTimeTicks();
        _coverageEnd = HolidayCoverage is null ? long.MaxValue : zone.AtStartOfDay(HolidayCoverage.End.PlusDays(1)).ToInstant().ToUnixTimeTicks();
    }

    /// <summary>
    /// Raised when an operation reads dates outside <see cref="HolidayCoverage"/> (and the calendar is not strict): the answer used only
    /// the weekly hours there. Raised on the thread of the operation, once per operation; handlers must be quick and thread-safe.
    /// Hosts that use <c>AddCrmCalendars</c> get an <c>ILogger</c> warning per calendar and year without subscribing.
    /// </summary>
    public event EventHandler<HolidayCoverageEventArgs>? HolidayCoverageExceeded;

    /// <summary>The dates the holiday data covers (both ends inclusive); null when unlimited. See
    /// <see cref="BusinessCalendarDefinition.HolidayCoverage"/>.</summary>
    public DateInterval? HolidayCoverage { get; }

    /// <summary>A calendar named <c>24x7</c> in UTC, open all the time, with no horizon.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = Build(new BusinessCalendarDefinition
    {
        Name = "24x7",
        TimeZoneId = "Etc/UTC",
        Week = WeeklySchedule.AlwaysOpen,
    });

    /// <summary>The calendar's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The definition this calendar was built from.</summary>
    public BusinessCalendarDefinition Definition { get; }

    /// <summary>The calendar's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>True when the calendar is open every instant (24/7 without holidays); then every operation is plain instant arithmetic.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>The number of precomputed open intervals (adjacent slots are merged); 0 for an always-open calendar.</summary>
    public int IntervalCount => _starts.Length;

    /// <summary>The instants covered: from the start of the horizon's first date to the end of its last date, in the calendar's zone.</summary>
    public Interval Horizon => IsAlwaysOpen ? new Interval(null, null) : new Interval(Instant.FromUnixTimeTicks(_horizonStart), Instant.FromUnixTimeTicks(_horizonEnd));

    /// <summary>Builds (precomputes) a calendar. Cost is linear in the horizon's days; build once and share.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentException">The time zone is unknown, a date is both a holiday and a make-up day or listed twice,
    /// slots of a day overlap, or the horizon is empty.</exception>
    public static BusinessCalendar Build(BusinessCalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name, nameof(definition));
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(definition.TimeZoneId)
            ?? throw new ArgumentException($"Unknown IANA time zone '{definition.TimeZoneId}'.", nameof(definition));
        if (definition.HorizonEnd < definition.HorizonStart)
        {
            throw new ArgumentException("The horizon ends before it starts.", nameof(definition));
        }

        var overrides = CollectOverrides(definition);
        var alwaysOpen = definition.Week.IsAlwaysOpen && overrides.Count == 0;
        var parts = alwaysOpen ? Parts.Empty : Materialise(definition, zone, overrides);
        return new BusinessCalendar(definition, zone, alwaysOpen, parts, overrides);
    }

    /// <summary>True when the business is open at the instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Whether the instant falls in an opening slot (start inclusive, end exclusive).</returns>
    /// <exception cref="CalendarHorizonException">The instant is outside the horizon.</exception>
    public bool IsOpen(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var t = CheckedTicks(instant);
        Covered(t, t, nameof(IsOpen));
        var i = _startIndex.UpperBound(t) - 1;
        return i >= 0 && t < _ends[i];
    }

    /// <summary>The first open instant at or after <paramref name="instant"/>: the instant itself when open, else the next opening.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The next open instant.</returns>
    /// <exception cref="CalendarHorizonException">The instant, or the next opening, is outside the horizon.</exception>
    public Instant NextOpen(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return instant;
        }

        var t = CheckedTicks(instant);
        var result = NextOpenTicks(t, instant);
        Covered(t, result, nameof(NextOpen));
        return Instant.FromUnixTimeTicks(result);
    }

    /// <summary>
    /// The mirror of <see cref="NextOpen"/>: the last instant at or before <paramref name="instant"/> that ends open time. That is the
    /// instant itself when the business was open just before it (so a closing time is its own answer), else the previous closing time.
    /// An opening time answers the closing time before it: no business time lies between the two. <c>Subtract(end, Duration.Zero)</c>
    /// is this instant.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The instant or the previous closing time.</returns>
    /// <exception cref="CalendarHorizonException">The instant is outside the horizon, or no opening precedes it within the horizon.</exception>
    public Instant PreviousClose(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return instant;
        }

        var t = CheckedTicks(instant);
        var result = PreviousCloseTicks(t, instant);
        Covered(result, t, nameof(PreviousClose));
        return Instant.FromUnixTimeTicks(result);
    }

    /// <summary>
    /// Adds business time: the first open instant at which <paramref name="businessDuration"/> of open time has passed since
    /// <paramref name="start"/>. When the sum ends exactly at a closing time the result is the next opening (the result is always an
    /// open instant), so <c>Add(start, Duration.Zero)</c> is <see cref="NextOpen"/>.
    /// </summary>
    /// <param name="start">The start; may be closed, then counting begins at the next opening.</param>
    /// <param name="businessDuration">The business time to add; not negative.</param>
    /// <returns>The resulting instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    /// <exception cref="CalendarHorizonException">The start or the result is outside the horizon.</exception>
    public Instant Add(Instant start, Duration businessDuration)
    {
        if (businessDuration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(businessDuration), businessDuration, "The business duration must not be negative.");
        }

        if (IsAlwaysOpen)
        {
            return start + businessDuration;
        }

        var t = CheckedTicks(start);
        var result = AtPosition(Position(t) + businessDuration.BclCompatibleTicks, start);
        Covered(t, result, nameof(Add));
        return Instant.FromUnixTimeTicks(result);
    }

    /// <summary>
    /// Subtracts business time, the mirror of <see cref="Add"/>: the earliest instant from which <paramref name="businessDuration"/> of
    /// open time passes until <paramref name="end"/>. When that point is a closed gap the result is the closing time before the gap (the
    /// result always ends open time, see <see cref="PreviousClose"/>), so "remind 2 business hours before a due time of Monday 10:00"
    /// on 09:00–18:00 weekdays is Friday 17:00, and <c>Subtract(end, Duration.Zero)</c> is <see cref="PreviousClose"/>.
    /// <c>BusinessTimeBetween(Subtract(end, d), end)</c> is <c>d</c>.
    /// </summary>
    /// <param name="end">The end; may be closed, then counting begins at the previous closing time.</param>
    /// <param name="businessDuration">The business time to subtract; not negative.</param>
    /// <returns>The resulting instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    /// <exception cref="CalendarHorizonException">The end or the result is outside the horizon.</exception>
    public Instant Subtract(Instant end, Duration businessDuration)
    {
        if (businessDuration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(businessDuration), businessDuration, "The business duration must not be negative.");
        }

        if (IsAlwaysOpen)
        {
            return end - businessDuration;
        }

        var t = CheckedTicks(end);
        var result = AtPositionBackward(Position(t) - businessDuration.BclCompatibleTicks, end);
        Covered(result, t, nameof(Subtract));
        return Instant.FromUnixTimeTicks(result);
    }

    /// <summary>The open time between two instants; negative when <paramref name="end"/> is before <paramref name="start"/>.</summary>
    /// <param name="start">The first instant.</param>
    /// <param name="end">The second instant.</param>
    /// <returns>The business time from <paramref name="start"/> to <paramref name="end"/>.</returns>
    /// <exception cref="CalendarHorizonException">An instant is outside the horizon.</exception>
    public Duration BusinessTimeBetween(Instant start, Instant end)
    {
        if (IsAlwaysOpen)
        {
            return end - start;
        }

        var a = CheckedTicks(start);
        var b = CheckedTicks(end);
        Covered(Math.Min(a, b), Math.Max(a, b), nameof(BusinessTimeBetween));
        return Duration.FromTicks(Position(b) - Position(a));
    }

    /// <summary>
    /// Adds working days, the way a service desk reads "within n working days". Counting starts at <see cref="NextOpen"/> of
    /// <paramref name="start"/> (the anchor). The result is the same local time of day as the anchor on the n-th working day after the
    /// anchor's date, clamped into that day's hours: before the day's first opening it becomes the first opening, after the day's last
    /// closing it becomes that closing (the end of business that day), and in a break (lunch) it becomes the end of the break.
    /// A working day is a date with any opening hours (make-up working days count, holidays do not). <c>n = 0</c> gives the anchor.
    /// <para>A negative <paramref name="workingDays"/> counts backwards ("start by", "remind 2 working days before"), the mirror image:
    /// the anchor is <see cref="PreviousClose"/> of <paramref name="start"/> and its date is the date of the open time just before it
    /// (a closing time of 24:00 keeps its day, as time of day 24:00); the result is the same local time of day on the |n|-th working day
    /// before, clamped into that day's hours: after the day's last closing it becomes that closing, before the day's first opening it
    /// becomes that opening, and in a break it becomes the start of the break (the closing time before it).</para>
    /// </summary>
    /// <param name="start">The start.</param>
    /// <param name="workingDays">The number of working days; negative to count backwards.</param>
    /// <returns>The due instant.</returns>
    /// <exception cref="CalendarHorizonException">The start or the result is outside the horizon.</exception>
    public Instant AddWorkingDays(Instant start, int workingDays)
    {
        if (IsAlwaysOpen)
        {
            if (workingDays == 0)
            {
                return start;
            }

            var local = start.InZone(Zone).LocalDateTime;
            return Zone.ResolveLocal(local.PlusDays(workingDays), TimeOfDayResolver).ToInstant();
        }

        var t = CheckedTicks(start);
        var result = workingDays >= 0 ? ForwardWorkingDays(t, workingDays, start) : BackwardWorkingDays(t, workingDays, start);
        Covered(Math.Min(t, result), Math.Max(t, result), nameof(AddWorkingDays));
        return Instant.FromUnixTimeTicks(result);
    }

    /// <summary>True when the date has opening hours (a regular working day or a make-up working day, not a whole-day holiday).</summary>
    /// <param name="date">The local date.</param>
    /// <returns>Whether the date is a working day.</returns>
    /// <exception cref="CalendarHorizonException">The date is outside the horizon.</exception>
    public bool IsWorkingDay(LocalDate date)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        if (date < Definition.HorizonStart || date > Definition.HorizonEnd)
        {
            throw CalendarHorizonException.For(Name, date.AtStartOfDayInZone(Zone).ToInstant(), Horizon);
        }

        var dayNumber = DayNumber(date);
        if (HolidayCoverage is { } coverage && !coverage.Contains(date))
        {
            CoverageExceeded(date.AtStartOfDayInZone(Zone).ToInstant().ToUnixTimeTicks(), nameof(IsWorkingDay));
        }

        var ordinal = _dateOrdinal[dayNumber - _firstDayNumber];
        return ordinal < _workingDays.Length && _workingDays[ordinal] == dayNumber;
    }

    /// <summary>The effective opening hours of a date: holidays and make-up days applied to the weekly hours.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The sorted slots; empty when closed.</returns>
    public ImmutableArray<OpeningSlot> HoursOn(LocalDate date) => EffectiveSlots(Definition, _overrides, date);

    /// <summary>The business position of an instant: open ticks from the start of the horizon (ticks since the epoch when always open).
    /// <c>BusinessTimeBetween(a, b)</c> is the difference of two positions.</summary>
    internal long PositionOf(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return instant.ToUnixTimeTicks();
        }

        var t = CheckedTicks(instant);
        Covered(t, t, "SLA");
        return Position(t);
    }

    /// <summary>The first open instant at a business position; the inverse of <see cref="PositionOf"/> as <see cref="Add"/> uses it.</summary>
    internal Instant InstantAt(long position, Instant start)
    {
        if (IsAlwaysOpen)
        {
            return Instant.FromUnixTimeTicks(position);
        }

        var result = AtPosition(position, start);
        Covered(result, result, "SLA");
        return Instant.FromUnixTimeTicks(result);
    }

    // Two comparisons on the hot path; the rare uncovered case raises the event or throws out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Covered(long from, long to, string operation)
    {
        if (from < _coverageStart || to > _coverageEnd)
        {
            // The first date read outside the coverage: the start when it lies before the coverage, else the first date after it.
            CoverageExceeded(from < _coverageStart ? from : Math.Max(from, _coverageEnd), operation);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CoverageExceeded(long firstUncovered, string operation)
    {
        var handlers = HolidayCoverageExceeded;
        if (handlers is null && !Definition.StrictHolidayCoverage)
        {
            return; // nobody listens: no allocation on this path
        }

        var date = Instant.FromUnixTimeTicks(firstUncovered).InZone(Zone).Date;
        var args = new HolidayCoverageEventArgs(Name, HolidayCoverage!, date, operation);
        if (Definition.StrictHolidayCoverage)
        {
            throw new HolidayCoverageException(args);
        }

        handlers?.Invoke(this, args);
    }

    private static DateInterval? InferCoverage(BusinessCalendarDefinition definition)
    {
        var dates = (definition.Holidays.IsDefault ? [] : definition.Holidays.Select(h => h.Date))
            .Concat(definition.MakeUpDays.IsDefault ? [] : definition.MakeUpDays.Select(m => m.Date))
            .ToList();
        return dates.Count == 0 ? null : new DateInterval(new LocalDate(dates.Min().Year, 1, 1), new LocalDate(dates.Max().Year, 12, 31));
    }

    private long NextOpenTicks(long t, Instant instant)
    {
        var i = _startIndex.UpperBound(t) - 1;
        if (i >= 0 && t < _ends[i])
        {
            return t;
        }

        if (i + 1 >= _starts.Length)
        {
            throw CalendarHorizonException.For(Name, instant, Horizon);
        }

        return _starts[i + 1];
    }

    private long PreviousCloseTicks(long t, Instant instant)
    {
        // The last interval that starts strictly before t; t itself when t lies in (start, end] of it, else its end.
        var i = _startIndex.UpperBound(t - 1) - 1;
        if (i < 0)
        {
            throw CalendarHorizonException.For(Name, instant, Horizon);
        }

        return Math.Min(t, _ends[i]);
    }

    private long ForwardWorkingDays(long t, int workingDays, Instant start)
    {
        var anchor = NextOpenTicks(t, start);
        if (workingDays == 0)
        {
            return anchor;
        }

        // The anchor is open, so its local date is a working day: the last one that starts at or before it (never before the first).
        var day = _dayStartIndex.UpperBound(anchor) - 1;
        var target = (long)day + workingDays;
        if (target >= _workingDays.Length)
        {
            throw CalendarHorizonException.For(Name, start, Horizon);
        }

        // Before the target day's first opening, the next opening is that first opening; only a time past its last closing would
        // carry over to the next day, so that one is clamped.
        var wanted = SameTimeOfDay(anchor, day, (int)target);
        return wanted >= _dayLastClose[target] ? _dayLastClose[target] : NextOpenTicks(wanted, start);
    }

    private long BackwardWorkingDays(long t, int workingDays, Instant start)
    {
        var anchor = PreviousCloseTicks(t, start);

        // The open time just before the anchor lies on a working day: the last one that starts before the anchor (never before the
        // first, so the target only runs out below zero).
        var day = _dayStartIndex.UpperBound(anchor - 1) - 1;
        var target = day + workingDays;
        if (target < 0)
        {
            throw CalendarHorizonException.For(Name, start, Horizon);
        }

        // The mirror of ForwardWorkingDays: past the target day's last closing, the previous closing is that last closing; only a time
        // before its first opening would carry over to the day before, so that one is clamped.
        var wanted = SameTimeOfDay(anchor, day, target);
        return wanted <= _dayFirstOpen[target] ? _dayFirstOpen[target] : PreviousCloseTicks(wanted, start);
    }

    // The instant on working day `target` at the local time of day that `instant` has on working day `day` (24:00 when the instant is
    // the start of the next date, even when that date starts at 01:00 because its midnight falls into a DST gap). Days whose offset is
    // constant over all 24 hours (every day but DST-change days) need no time-zone lookup.
    private long SameTimeOfDay(long instant, int day, int target)
    {
        long tickOfDay;
        if (_dayUniform[day])
        {
            tickOfDay = instant - _dayStart[day];
        }
        else
        {
            // The instant lies on the day, or (counting backwards from a 24:00 closing) is the next date's first instant.
            var local = Instant.FromUnixTimeTicks(instant).InZone(Zone).LocalDateTime;
            tickOfDay = DayNumber(local.Date) == _workingDays[day] ? local.TimeOfDay.TickOfDay : NodaConstants.TicksPerDay;
        }

        if (_dayUniform[target])
        {
            return _dayStart[target] + tickOfDay;
        }

        var date = LocalDate.FromDateOnly(DateOnly.FromDayNumber(_workingDays[target]));
        return Zone.ResolveLocal(date.AtMidnight().PlusTicks(tickOfDay), TimeOfDayResolver).ToInstant().ToUnixTimeTicks();
    }

    private long Position(long t)
    {
        var i = _startIndex.UpperBound(t) - 1;
        if (i < 0)
        {
            return 0;
        }

        var end = _ends[i];
        return _cumulativeEnd[i] - (end - Math.Min(t, end));
    }

    private long AtPosition(long position, Instant start)
    {
        var i = _positionIndex.UpperBound(position);
        if (i >= _cumulativeEnd.Length)
        {
            throw CalendarHorizonException.RunsOut(Name, Horizon.End, start);
        }

        return _ends[i] - (_cumulativeEnd[i] - position);
    }

    // The earliest instant at a business position: inside an interval it is unique; at a gap it is the closing time before the gap.
    private long AtPositionBackward(long position, Instant end)
    {
        // A position is at most the total open time, so the interval is always found once the position is above zero.
        if (position <= 0)
        {
            throw CalendarHorizonException.RunsOutBackward(Name, Horizon.Start, end);
        }

        var i = _positionIndex.UpperBound(position - 1);
        return _ends[i] - (_cumulativeEnd[i] - position);
    }

    private long CheckedTicks(Instant instant)
    {
        var t = instant.ToUnixTimeTicks();
        if (t < _horizonStart || t > _horizonEnd)
        {
            throw CalendarHorizonException.For(Name, instant, Horizon);
        }

        return t;
    }

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    private static Dictionary<LocalDate, ImmutableArray<OpeningSlot>> CollectOverrides(BusinessCalendarDefinition definition)
    {
        var result = new Dictionary<LocalDate, ImmutableArray<OpeningSlot>>();
        var makeUpDefault = definition.MakeUpDayHours.IsDefaultOrEmpty ? definition.Week[IsoDayOfWeek.Monday] : definition.MakeUpDayHours;
        foreach (var holiday in definition.Holidays.IsDefault ? [] : definition.Holidays)
        {
            var hours = holiday.IsWholeDay ? [] : WeeklySchedule.Normalize(holiday.OpenHours, nameof(definition));
            if (!result.TryAdd(holiday.Date, hours))
            {
                throw new ArgumentException($"The date {holiday.Date:yyyy-MM-dd} is listed twice as a holiday.", nameof(definition));
            }
        }

        foreach (var day in definition.MakeUpDays.IsDefault ? [] : definition.MakeUpDays)
        {
            var hours = day.Hours.IsDefaultOrEmpty ? makeUpDefault : WeeklySchedule.Normalize(day.Hours, nameof(definition));
            if (!result.TryAdd(day.Date, hours))
            {
                throw new ArgumentException($"The date {day.Date:yyyy-MM-dd} is listed twice, or both as a holiday and as a make-up working day.", nameof(definition));
            }
        }

        return result;
    }

    private static ImmutableArray<OpeningSlot> EffectiveSlots(
        BusinessCalendarDefinition definition, Dictionary<LocalDate, ImmutableArray<OpeningSlot>> overrides, LocalDate date) =>
        overrides.TryGetValue(date, out var hours) ? hours : definition.Week[date.DayOfWeek];

    private static Parts Materialise(BusinessCalendarDefinition definition, DateTimeZone zone, Dictionary<LocalDate, ImmutableArray<OpeningSlot>> overrides)
    {
        var ranges = new List<(long Start, long End)>();
        var workingDays = new List<int>();
        var firstOpen = new List<long>();
        var lastClose = new List<long>();
        var dayStarts = new List<long>();
        var uniform = new List<bool>();
        var dateOrdinal = new List<int>();
        for (var date = definition.HorizonStart; date <= definition.HorizonEnd; date = date.PlusDays(1))
        {
            dateOrdinal.Add(workingDays.Count);
            long dayFirst = long.MaxValue, dayLast = long.MinValue;
            var rangesBefore = ranges.Count;
            var midnight = date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks();
            foreach (var slot in EffectiveSlots(definition, overrides, date))
            {
                AppendLocalRange(zone, midnight + slot.StartTick, midnight + slot.EndTick, ranges, ref dayFirst, ref dayLast);
            }

            // A working day is a date with open time; its slots may all fall into a DST gap.
            if (ranges.Count > rangesBefore)
            {
                workingDays.Add(DayNumber(date));
                firstOpen.Add(dayFirst);
                lastClose.Add(dayLast);
                var dayStart = zone.AtStartOfDay(date).ToInstant();
                var zi = zone.GetZoneInterval(dayStart);
                dayStarts.Add(dayStart.ToUnixTimeTicks());
                uniform.Add(dayStart.ToUnixTimeTicks() + zi.WallOffset.Ticks == midnight
                    && (!zi.HasEnd || zi.End.ToUnixTimeTicks() > dayStart.ToUnixTimeTicks() + NodaConstants.TicksPerDay));
            }
        }

        // Ranges of one day are sorted, but a repeated hour can interleave two slots' pieces: sort, then merge touching ranges.
        ranges.Sort();
        var starts = new List<long>(ranges.Count);
        var ends = new List<long>(ranges.Count);
        foreach (var (lo, hi) in ranges)
        {
            var n = starts.Count;
            if (n > 0 && lo <= ends[n - 1])
            {
                ends[n - 1] = Math.Max(ends[n - 1], hi);
            }
            else
            {
                starts.Add(lo);
                ends.Add(hi);
            }
        }

        var cumulative = new long[starts.Count];
        long total = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            total += ends[i] - starts[i];
            cumulative[i] = total;
        }

        return new Parts(
            [.. starts], [.. ends], cumulative, [.. workingDays], [.. firstOpen], [.. lastClose], [.. dayStarts], [.. uniform], [.. dateOrdinal],
            zone.AtStartOfDay(definition.HorizonStart).ToInstant().ToUnixTimeTicks(),
            zone.AtStartOfDay(definition.HorizonEnd.PlusDays(1)).ToInstant().ToUnixTimeTicks());
    }

    // Appends the instants whose local date-time lies in [localStart, localEnd) (local ticks as if UTC): in each zone interval with
    // offset o these are [localStart - o, localEnd - o) intersected with the zone interval. Exact for DST gaps and repeated hours.
    private static void AppendLocalRange(DateTimeZone zone, long localStart, long localEnd, List<(long Start, long End)> ranges, ref long dayFirst, ref long dayLast)
    {
        var candidates = new Interval(Instant.FromUnixTimeTicks(localStart - MaxOffsetTicks), Instant.FromUnixTimeTicks(localEnd + MaxOffsetTicks));
        foreach (var zi in zone.GetZoneIntervals(candidates))
        {
            var offset = zi.WallOffset.Ticks;
            var lo = Math.Max(localStart - offset, zi.HasStart ? zi.Start.ToUnixTimeTicks() : long.MinValue);
            var hi = Math.Min(localEnd - offset, zi.HasEnd ? zi.End.ToUnixTimeTicks() : long.MaxValue);
            if (lo < hi)
            {
                dayFirst = Math.Min(dayFirst, lo);
                dayLast = Math.Max(dayLast, hi);
                ranges.Add((lo, hi));
            }
        }
    }

    private sealed record Parts(long[] Starts, long[] Ends, long[] CumulativeEnd, int[] WorkingDays, long[] DayFirstOpen, long[] DayLastClose,
        long[] DayStart, bool[] DayUniform, int[] DateOrdinal, long HorizonStart, long HorizonEnd)
    {
        public static Parts Empty { get; } = new([], [], [], [], [], [], [], [], [], long.MinValue, long.MaxValue);
    }
}
