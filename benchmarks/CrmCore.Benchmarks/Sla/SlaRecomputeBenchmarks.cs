using BenchmarkDotNet.Attributes;
using CrmCore.Benchmarks.Calendars;
using CrmCore.Calendars;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Sla;

/// <summary>
/// Recomputes the SLA state of 1,000,000 open tickets (document 001 policies: first response, resolution with pause, revisit) on one
/// core after the calendar changed (a company holiday added). Baseline: the same clocks measured by walking the calendar day by day.
/// </summary>
[MemoryDiagnoser]
public class SlaRecomputeBenchmarks
{
    private SlaTicket[] _tickets = null!;
    private SlaEngine _engine = null!;
    private DayWalkSlaEvaluator _baseline = null!;
    private Instant _now;

    [Params(1_000_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var original = BenchmarkData.ChinaCalendar();
        var changed = BusinessCalendar.Build(original.Definition with
        {
            Holidays = original.Definition.Holidays.Add(new Holiday(new LocalDate(2026, 12, 4), "Company day")),
        });
        var registry = new CalendarRegistry([original]);
        registry.Set("default", original);
        _engine = new SlaEngine(SlaPolicyJson.Document001, registry);
        registry.Set("default", changed); // the calendar change: every open ticket must be recomputed
        _baseline = new DayWalkSlaEvaluator(SlaPolicyJson.Document001, new DayWalkCalendar(changed.Definition));
        _now = Instant.FromUtc(2026, 12, 1, 3, 0);
        var random = new Random(7);
        var urgencies = Enum.GetValues<Urgency>();
        _tickets = new SlaTicket[Tickets];
        for (var i = 0; i < Tickets; i++)
        {
            // Open tickets raised in the last 10 days; some answered, some waiting for the customer.
            var raised = _now - Duration.FromMinutes(random.Next(1, 10 * 24 * 60));
            var history = new List<StatusChange> { new(raised, TicketStatus.Pending, TicketStatus.Pending, "system") };
            var t = raised + Duration.FromMinutes(random.Next(1, 240));
            if (t < _now)
            {
                history.Add(new StatusChange(t, TicketStatus.Pending, TicketStatus.InProgress, "agent"));
                var w = t + Duration.FromMinutes(random.Next(1, 2000));
                if (w < _now && random.Next(3) == 0)
                {
                    history.Add(new StatusChange(w, TicketStatus.InProgress, TicketStatus.WaitingForCustomer, "agent"));
                    var back = w + Duration.FromMinutes(random.Next(1, 3000));
                    if (back < _now)
                    {
                        history.Add(new StatusChange(back, TicketStatus.WaitingForCustomer, TicketStatus.InProgress, "customer"));
                    }
                }
            }

            _tickets[i] = new SlaTicket
            {
                Id = new TicketId("WT" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                RaisedAt = raised,
                Urgency = urgencies[random.Next(urgencies.Length)],
                History = history,
                FirstResponseAt = history.Count > 1 ? history[1].At : null,
            };
        }

        for (var i = 0; i < 2000; i++)
        {
            var fast = _engine.Evaluate(_tickets[i], _now).Metrics.Select(m => m.DueAt ?? default);
            if (!fast.SequenceEqual(_baseline.Evaluate(_tickets[i], _now)))
            {
                throw new InvalidOperationException($"Baseline and engine disagree on ticket {i}.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public long DayWalkRecompute()
    {
        long checksum = 0;
        foreach (var ticket in _tickets)
        {
            checksum += _baseline.Evaluate(ticket, _now)[1].ToUnixTimeTicks() & 1;
        }

        return checksum;
    }

    [Benchmark]
    public long PrecomputedRecompute()
    {
        long checksum = 0;
        foreach (var ticket in _tickets)
        {
            checksum += _engine.Evaluate(ticket, _now).Metrics[1].DueAt!.Value.ToUnixTimeTicks() & 1;
        }

        return checksum;
    }
}
