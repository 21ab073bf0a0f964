using System.Collections.Immutable;
using CrmCore.Calendars;
using CrmCore.Sla;
using CrmCore.Tests.Calendars;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>
/// One SLA clock on a random calendar, with its moves, stop and evaluation instant picked from a list of boundary instants on
/// purpose: the start itself and a minute before it, the warning and due instants and one tick either side, the next opening.
/// </summary>
public sealed record SlaBoundaryCase(
    CalendarCase Calendar,
    bool WorkingDays,
    int Warning,
    ImmutableArray<(int Point, TicketStatus To)> Moves,
    int StopPoint,
    int NowPoint,
    bool ResolvedDoesNotCount)
{
    /// <summary>How many boundary instants <see cref="SlaClockModelProperties.Points"/> returns.</summary>
    public const int PointCount = 12;

    public override string ToString() =>
        $"{Calendar} workingDays={WorkingDays} warning={Warning} moves=[{string.Join(",", Moves)}] stop={StopPoint} now={NowPoint} resolvedDoesNotCount={ResolvedDoesNotCount}";
}

public static class SlaBoundaryArbitraries
{
    private static readonly TicketStatus[] Statuses = [TicketStatus.InProgress, TicketStatus.WaitingForCustomer, TicketStatus.Resolved, TicketStatus.Pending];

    public static Arbitrary<SlaBoundaryCase> BoundaryCase() => Arb.From(
        from c in CalendarArbitraries.Cases()
        from workingDays in Gen.Elements(false, false, true)
        from warning in Gen.Choose(0, 6)
        from count in Gen.Choose(0, 4)
        from points in Gen.ListOf(Gen.Choose(0, SlaBoundaryCase.PointCount - 1), count)
        from statuses in Gen.ListOf(Gen.Elements(Statuses), count)
        from stop in Gen.Choose(-3, SlaBoundaryCase.PointCount - 1)
        from now in Gen.Choose(0, SlaBoundaryCase.PointCount - 1)
        from resolvedDoesNotCount in Gen.Elements(false, true)
        select new SlaBoundaryCase(c, workingDays, warning, [.. points.Zip(statuses)], stop, now, resolvedDoesNotCount));
}

/// <summary>
/// The SLA clock against a model written from its definition with the calendar's public arithmetic only: the clock counts the
/// business time from its start to its stop (or to now) during which the ticket's status counts; it is met when stopped within
/// the allowed time, breached as soon as the counted time exceeds it; the due (and warning) instant is where the counted time
/// first exceeds the allowed (warning) time, projected from the end of the counted time while that has not happened yet.
/// </summary>
public sealed class SlaClockModelProperties
{
    private static readonly SlaMetric Probe = new("Probe");

    private static readonly SlaWarningLead[] Warnings =
    [
        default, SlaWarningLead.AtPercentUsed(0), SlaWarningLead.AtPercentUsed(50), SlaWarningLead.AtPercentUsed(100),
        SlaWarningLead.BeforeDue(Duration.FromTicks(1)), SlaWarningLead.BeforeDue(Duration.FromMinutes(30)), SlaWarningLead.BeforeDue(Duration.FromHours(10)),
    ];

    [Property(Arbitrary = [typeof(SlaBoundaryArbitraries)], MaxTest = 400)]
    public Property Evaluate_BoundaryInstants_MatchesTheClockModel(SlaBoundaryCase s)
    {
        var calendar = s.Calendar.Calendar;
        var start = s.Calendar.A;
        var target = (s.WorkingDays ? new SlaTarget(Probe, s.Calendar.N, "random") : new SlaTarget(Probe, s.Calendar.D, "random"))
            with { PausedIn = [TicketStatus.WaitingForCustomer], Warning = Warnings[s.Warning] };

        SlaMetricState expected, actual;
        Instant now;
        try
        {
            var allowed = s.WorkingDays ? calendar.BusinessTimeBetween(start, calendar.AddWorkingDays(start, s.Calendar.N)) : s.Calendar.D;
            var points = Points(calendar, start, allowed, WarningTicks(Warnings[s.Warning], allowed), s.Calendar.B);
            now = points[s.NowPoint];
            Instant? stop = s.StopPoint < 0 ? null : points[s.StopPoint];
            var bounds = new SlaClockBounds(start, stop, s.ResolvedDoesNotCount ? [TicketStatus.Resolved] : null);
            var ticket = Ticket(start - Duration.FromMinutes(5), s.Moves.Select(m => (points[m.Point], m.To)));
            expected = Model(calendar, target, bounds, ticket.History, now, allowed, WarningTicks(Warnings[s.Warning], allowed));
            var engine = new SlaEngine(
                new SlaPolicySet("p", [], new SlaPolicy("p", [target])), new CalendarRegistry([calendar]), [new FixedBounds(Probe, bounds)]);
            actual = engine.Evaluate(ticket, now).Metrics.Single();
        }
        catch (CalendarHorizonException)
        {
            return Prop.When(false, () => true);
        }

        return Prop.Label(actual == expected, $"expected {expected}, got {actual}")
            .Classify(expected.Status == SlaClockStatus.Met, "met")
            .Classify(expected.Status == SlaClockStatus.Breached, "breached")
            .Classify(expected.Status == SlaClockStatus.Paused, "paused")
            .Classify(expected.Status == SlaClockStatus.NotStarted, "not started")
            .Classify(expected.StoppedAt == now, "stopped at now");
    }

    [Fact]
    public void Evaluate_StoppedExactlyAtTheAllowedTime_IsMet_OneTickLater_Breached()
    {
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name);
        var due = calendar.Add(start, Duration.FromHours(2));

        var atDue = Evaluate(calendar, target, new SlaClockBounds(start, due), due);
        var after = Evaluate(calendar, target, new SlaClockBounds(start, due + Duration.FromTicks(1)), due + Duration.FromTicks(1));

        Assert.Equal((SlaClockStatus.Met, Duration.FromHours(2), (Instant?)due, (Instant?)due), (atDue.Status, atDue.Elapsed, atDue.StoppedAt, atDue.DueAt));
        Assert.Equal((SlaClockStatus.Breached, Duration.FromHours(2) + Duration.FromTicks(1), (Instant?)due), (after.Status, after.Elapsed, after.DueAt));
    }

    [Fact]
    public void Evaluate_AtItsStartInstant_ClockRunsWithNothingElapsed_OneTickBefore_NotStarted()
    {
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name);

        var atStart = Evaluate(calendar, target, new SlaClockBounds(start, null), start);
        var before = Evaluate(calendar, target, new SlaClockBounds(start, null), start - Duration.FromTicks(1));

        Assert.Equal(new SlaMetricState(target, SlaClockStatus.Running, start, null, TestCalendars.Cn(2026, 3, 3, 13, 30), start + Duration.FromMinutes(96), Duration.FromHours(2), Duration.Zero), atStart);
        Assert.Equal(new SlaMetricState(target, SlaClockStatus.NotStarted, null, null, null, null, Duration.Zero, Duration.Zero), before);
    }

    [Fact]
    public void Evaluate_BreachedThenPaused_DueStaysWhereTheTimeRanOut()
    {
        // 2 h allowed from Tue 10:00: the time runs out at the lunch break, so due 13:30; the ticket waits for the customer from 14:00 (already breached).
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name) with { PausedIn = [TicketStatus.WaitingForCustomer] };
        var ticket = Ticket(start, [(TestCalendars.Cn(2026, 3, 3, 14), TicketStatus.WaitingForCustomer)]);

        var state = Evaluate(calendar, target, new SlaClockBounds(start, null), TestCalendars.Cn(2026, 3, 4, 10), ticket);

        Assert.Equal(SlaClockStatus.Breached, state.Status);
        Assert.Equal(TestCalendars.Cn(2026, 3, 3, 13, 30), state.DueAt);
        Assert.Equal(Duration.FromHours(2.5), state.Elapsed); // 10–12 and 13:30–14:00
    }

    [Fact]
    public void Evaluate_StatusChangedBeforeTheClockStarts_DecidesWhetherItCounts()
    {
        // Waiting for the customer since before the clock starts: the clock starts paused.
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name) with { PausedIn = [TicketStatus.WaitingForCustomer] };
        var ticket = Ticket(start - Duration.FromHours(1), [(start - Duration.FromMinutes(1), TicketStatus.WaitingForCustomer)]);

        var state = Evaluate(calendar, target, new SlaClockBounds(start, null), start + Duration.FromHours(1), ticket);

        Assert.Equal((SlaClockStatus.Paused, Duration.Zero), (state.Status, state.Elapsed));
        Assert.Equal(TestCalendars.Cn(2026, 3, 3, 14, 30), state.DueAt); // from now (11:00): 1 h to 12:00, then 1 h from 13:30
    }

    [Fact]
    public void Evaluate_WarningThreshold_IsReachedNotPassed()
    {
        // 80 % of 2 h is 96 min: at exactly 11:36 the warning instant is 11:36 and the clock is still running.
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name);

        var state = Evaluate(calendar, target, new SlaClockBounds(start, null), TestCalendars.Cn(2026, 3, 3, 11, 36));

        Assert.Equal(TestCalendars.Cn(2026, 3, 3, 11, 36), state.WarningAt);
        Assert.Equal(SlaClockStatus.Running, state.Status);
    }

    [Fact]
    public void Evaluate_WarningAtA28DigitPercentage_DoesNotOverflowAndLandsOnTheExactTick()
    {
        // (decimal)80.1 from .NET 11 on: 80.09999999999999431565811392 % of 2 h is 5,767,199,999.99999959 ticks, so 96 min 7.2 s
        // (rounded); its digits times the target's ticks overflowed Int128 and the OverflowException escaped the engine.
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var target = new SlaTarget(Probe, Duration.FromHours(2), calendar.Name) with
        {
            Warning = SlaWarningLead.AtDecimalPercentUsed(80.09999999999999431565811392m),
        };

        var state = Evaluate(calendar, target, new SlaClockBounds(start, null), start);

        Assert.Equal(TestCalendars.Cn(2026, 3, 3, 11, 36) + Duration.FromMilliseconds(7_200), state.WarningAt);
    }

    [Theory]
    [InlineData(TicketStatus.WaitingForCustomer, SlaClockStatus.Paused)]
    [InlineData(TicketStatus.InProgress, SlaClockStatus.Running)]
    public void Evaluate_StatusChangedAtTheEvaluationInstant_AlreadyDecidesRunningOrPaused(TicketStatus to, SlaClockStatus expected)
    {
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);
        var now = TestCalendars.Cn(2026, 3, 3, 11);
        var target = new SlaTarget(Probe, Duration.FromHours(4), calendar.Name) with { PausedIn = [TicketStatus.WaitingForCustomer] };
        var moves = to == TicketStatus.InProgress
            ? new[] { (start, TicketStatus.WaitingForCustomer), (now, to) }
            : [(start, TicketStatus.InProgress), (now, to)];

        var state = Evaluate(calendar, target, new SlaClockBounds(start, null), now, Ticket(start, moves));

        Assert.Equal(expected, state.Status);
        Assert.Equal(to == TicketStatus.InProgress ? Duration.Zero : Duration.FromHours(1), state.Elapsed);
    }

    /// <summary>The boundary instants of a clock starting at <paramref name="start"/>; <see cref="SlaBoundaryCase.PointCount"/> of them.</summary>
    internal static Instant[] Points(BusinessCalendar calendar, Instant start, Duration allowed, Duration warning, Instant later)
    {
        var due = calendar.Add(start, allowed);
        var warn = calendar.Add(start, warning);
        var tick = Duration.FromTicks(1);
        return [start - Duration.FromMinutes(1), start, start + tick, calendar.NextOpen(start), warn - tick, warn, due - tick, due, due + tick, due + Duration.FromMinutes(1), later, calendar.PreviousClose(due)];
    }

    private static Duration WarningTicks(SlaWarningLead lead, Duration allowed) =>
        Duration.FromTicks((long)WarningPointModel.Ticks(lead, allowed.BclCompatibleTicks));

    /// <summary>The clock from its definition (see the class summary), with the calendar's public API only.</summary>
    private static SlaMetricState Model(
        BusinessCalendar calendar, SlaTarget target, SlaClockBounds bounds, IReadOnlyList<StatusChange> history, Instant now, Duration allowed, Duration warning)
    {
        var start = bounds.Start;
        if (start > now)
        {
            return new SlaMetricState(target, SlaClockStatus.NotStarted, null, null, null, null, Duration.Zero, Duration.Zero);
        }

        var stopped = bounds.Stop is { } stop && stop <= now;
        var end = stopped ? Instant.Max(bounds.Stop!.Value, start) : now;
        TicketStatus StatusAt(Instant at) => history.Where(h => h.At <= at).Select(h => h.To).DefaultIfEmpty(TicketStatus.Pending).Last();
        bool Counts(TicketStatus status) => !target.PausedIn.Contains(status) && !bounds.NotCountingIn.Contains(status);

        var cuts = history.Select(h => h.At).Where(at => at > start && at < end).Distinct().Order().Prepend(start).Append(end).ToList();
        var elapsed = Duration.Zero;
        Instant? due = null, warnAt = null;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            if (!Counts(StatusAt(cuts[i])))
            {
                continue;
            }

            var counted = calendar.BusinessTimeBetween(cuts[i], cuts[i + 1]);
            due ??= elapsed + counted > allowed ? calendar.Add(cuts[i], allowed - elapsed) : null;
            warnAt ??= elapsed + counted > warning ? calendar.Add(cuts[i], warning - elapsed) : null;
            elapsed += counted;
        }

        due ??= calendar.Add(end, allowed - elapsed);
        warnAt ??= calendar.Add(end, Duration.Max(Duration.Zero, warning - elapsed));
        var status = stopped ? (elapsed <= allowed ? SlaClockStatus.Met : SlaClockStatus.Breached)
            : elapsed > allowed ? SlaClockStatus.Breached
            : Counts(StatusAt(end)) ? SlaClockStatus.Running : SlaClockStatus.Paused;
        return new SlaMetricState(target, status, start, stopped ? end : null, due, warnAt, allowed, elapsed);
    }

    private static SlaMetricState Evaluate(BusinessCalendar calendar, SlaTarget target, SlaClockBounds bounds, Instant now, SlaTicket? ticket = null)
    {
        var engine = new SlaEngine(new SlaPolicySet("p", [], new SlaPolicy("p", [target])), new CalendarRegistry([calendar]), [new FixedBounds(Probe, bounds)]);
        return engine.Evaluate(ticket ?? Ticket(bounds.Start, []), target, now);
    }

    private static SlaTicket Ticket(Instant raised, IEnumerable<(Instant At, TicketStatus To)> moves)
    {
        var history = new List<StatusChange> { new(raised, TicketStatus.Pending, TicketStatus.Pending, "t") };
        foreach (var (at, to) in moves.Where(m => m.At >= raised).OrderBy(m => m.At))
        {
            history.Add(new StatusChange(at, history[^1].To, to, "t"));
        }

        return new SlaTicket { Id = new TicketId("T1"), RaisedAt = raised, History = history };
    }

    /// <summary>A clock whose start and stop are given, whatever the ticket.</summary>
    private sealed class FixedBounds(SlaMetric metric, SlaClockBounds bounds) : ISlaClockDefinition
    {
        public SlaMetric Metric => metric;

        public SlaClockBounds? GetBounds(SlaTicket ticket) => bounds;
    }
}
