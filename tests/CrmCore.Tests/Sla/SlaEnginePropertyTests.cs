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

/// <summary>A random calendar and ticket history for SLA properties.</summary>
public sealed record SlaCase(CalendarCase Calendar, ImmutableArray<(int Minute, TicketStatus To)> Moves, int PauseFrom, int PauseLength)
{
    public override string ToString() => $"{Calendar} moves=[{string.Join(",", Moves)}] pause={PauseFrom}+{PauseLength}";
}

public static class SlaArbitraries
{
    private static readonly TicketStatus[] Statuses = [TicketStatus.InProgress, TicketStatus.WaitingForCustomer, TicketStatus.Resolved, TicketStatus.InProgress];

    public static Arbitrary<SlaCase> SlaCase() => Arb.From(
        from c in CalendarArbitraries.Cases()
        from count in Gen.Choose(0, 5)
        from minutes in Gen.ListOf(Gen.Choose(0, 4 * 24 * 60), count)
        from statuses in Gen.ListOf(Gen.Elements(Statuses), count)
        from pauseFrom in Gen.Choose(0, 3 * 24 * 60)
        from pauseLength in Gen.Choose(1, 24 * 60)
        select new SlaCase(c, [.. minutes.Order().Zip(statuses)], pauseFrom, pauseLength));
}

public sealed class SlaEnginePropertyTests
{
    private static (SlaEngine Engine, SlaTarget Target) EngineFor(SlaCase s, bool workingDays)
    {
        var target = (workingDays ? new SlaTarget(SlaMetric.Resolution, s.Calendar.N, "random") : new SlaTarget(SlaMetric.Resolution, s.Calendar.D, "random"))
            with { PausedIn = [TicketStatus.WaitingForCustomer] };
        var set = new SlaPolicySet("p", [], new SlaPolicy("p", [target, new SlaTarget(SlaMetric.FirstResponse, s.Calendar.D2, "random")]));
        return (new SlaEngine(set, new CalendarRegistry([s.Calendar.Calendar])), target);
    }

    private static SlaTicket Ticket(Instant raised, IEnumerable<(Instant At, TicketStatus To)> moves)
    {
        var history = new List<StatusChange> { new(raised, TicketStatus.Pending, TicketStatus.Pending, "t") };
        foreach (var (at, to) in moves.OrderBy(m => m.At))
        {
            history.Add(new StatusChange(at, history[^1].To, to, "t"));
        }

        return new SlaTicket { Id = new TicketId("T1"), RaisedAt = raised, History = history };
    }

    /// <summary>
    /// Evaluates, then checks. A due time past the calendar horizon (the engine throws <see cref="CalendarHorizonException"/>)
    /// discards the case with <c>When</c>: it does not count towards <c>MaxTest</c>, too many discards fail the run, and
    /// <c>Classify</c> shows how the kept cases are spread. The calendar's horizon behaviour itself is checked against the minute
    /// oracle in <see cref="BusinessCalendarPropertyTests"/>.
    /// </summary>
    private static Property CheckWithinHorizon<T>(Func<T> evaluate, Func<T, bool> check)
        where T : class
    {
        T? value;
        try
        {
            value = evaluate();
        }
        catch (CalendarHorizonException)
        {
            value = null;
        }

        return Prop.When(value is not null, () => check(value!));
    }

    [Property(Arbitrary = [typeof(SlaArbitraries)], MaxTest = 300)]
    public Property Evaluate_RandomHistory_DueNotBeforeStartAndElapsedWithinCalendarTime(SlaCase s)
    {
        var raised = s.Calendar.A;
        var now = s.Calendar.B;
        var ticket = Ticket(raised, s.Moves.Select(m => (raised + Duration.FromMinutes(m.Minute), m.To)));
        var (engine, _) = EngineFor(s, workingDays: s.PauseFrom % 2 == 0);
        return CheckWithinHorizon(() => engine.Evaluate(ticket, now), state => state.Metrics.All(m => m.Status == SlaClockStatus.NotStarted
                || (m.DueAt >= m.StartedAt && m.WarningAt <= m.DueAt && m.WarningAt >= m.StartedAt
                    && m.Elapsed <= s.Calendar.Calendar.BusinessTimeBetween(m.StartedAt!.Value, m.StoppedAt ?? now)
                    && (m.Status == SlaClockStatus.Breached) == (m.Elapsed > m.Allowed))))
            .Classify(s.Moves.Any(m => m.To == TicketStatus.WaitingForCustomer), "with a pause")
            .Classify(s.Moves.Any(m => m.To == TicketStatus.Resolved), "resolved at some point");
    }

    [Property(Arbitrary = [typeof(SlaArbitraries)], MaxTest = 300)]
    public Property Evaluate_InsertingAPause_NeverMakesDueEarlier(SlaCase s)
    {
        var raised = s.Calendar.A;
        var now = s.Calendar.B;
        var moves = s.Moves.Where(m => m.To != TicketStatus.WaitingForCustomer).Select(m => (raised + Duration.FromMinutes(m.Minute), m.To)).ToList();
        var plain = Ticket(raised, moves);
        var pauseStart = raised + Duration.FromMinutes(s.PauseFrom);
        var pauseEnd = pauseStart + Duration.FromMinutes(s.PauseLength);
        var statusAfterPause = plain.StatusAt(pauseEnd);
        var withPause = Ticket(
            raised,
            moves.Where(m => m.Item1 < pauseStart || m.Item1 >= pauseEnd)
                 .Append((pauseStart, TicketStatus.WaitingForCustomer))
                 .Append((pauseEnd, statusAfterPause)));

        // The pause must interrupt a counting, unresolved clock for the comparison to mean something; other cases are discarded.
        var meaningful = plain.StatusAt(pauseStart) is not TicketStatus.Resolved && !moves.Any(m => m.Item1 >= pauseStart && m.Item1 < pauseEnd);
        var (engine, target) = EngineFor(s, workingDays: s.PauseFrom % 2 == 0);
        return Prop.When(meaningful, () => CheckWithinHorizon(
                () => (Plain: engine.Evaluate(plain, target, now), Paused: engine.Evaluate(withPause, target, now)).ToTuple(),
                r => r.Item2.DueAt >= r.Item1.DueAt && r.Item2.Elapsed <= r.Item1.Elapsed))
            .Classify(pauseEnd > now, "pause still running at now");
    }
}
