using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>
/// Drives the desk with random command sequences and random clock advances, and checks its invariants after every step against a
/// model built only from the events the desk returned.
/// </summary>
public class ServiceDeskModelTests
{
    private static readonly CustomerId Customer = new("KH0001");
    private static readonly AgentId[] AgentIds = [new("A1"), new("A2"), new("A3")];

    [Property(MaxTest = 60, EndSize = 60)]
    public void AnyCommandSequence_KeepsOwnerQueueEscalationAndSlaInvariants((byte Kind, byte Pick, ushort Minutes)[] steps)
    {
        var run = new ModelRun();
        foreach (var (kind, pick, minutes) in steps)
        {
            run.Step(kind % 16, pick, minutes % 720);
            run.Check();
        }

        Assert.Empty(run.Violations);
    }

    /// <summary>
    /// The due-time index loses nothing: a desk whose advance reads only the tickets due returns exactly the events of a desk whose
    /// ticket store ignores <see cref="TicketQuery.DueBy"/> and hands every open ticket to every advance (the full scan it replaced).
    /// </summary>
    [Property(MaxTest = 100)]
    public void AnyCommandSequence_AdvanceOverTheDueIndex_RaisesWhatAFullScanRaises(int seed)
    {
        var indexed = new ModelRun();
        var scanned = new ModelRun(new FullScanTicketRepository());
        var random = new Random(seed);

        // 150 steps of short clock moves with many advances (kinds 15 to 23), so that advances land between the instants the index
        // keeps and the instants the full scan acts at.
        for (var step = 0; step < 150; step++)
        {
            var (kind, pick, minutes) = (random.Next(24), (byte)random.Next(256), random.Next(90));
            var expected = scanned.Step(kind, pick, minutes);
            var actual = indexed.Step(kind, pick, minutes);
            Assert.Equal(expected.Select(e => e.ToString()), actual.Select(e => e.ToString()));
        }
    }

    /// <summary>A ticket store that lists every matching ticket whatever <see cref="TicketQuery.DueBy"/> says.</summary>
    private sealed class FullScanTicketRepository : ITicketRepository
    {
        private readonly InMemoryTicketRepository _inner = new();

        public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => _inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.SaveAsync(state, expectedVersion, cancellationToken);

        public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
            _inner.RescheduleAsync(id, version, due, cancellationToken);

        public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(query with { DueBy = null }, cancellationToken);
    }

    private sealed class ModelRun
    {
        private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 2, 1, 0));
        private readonly ServiceDesk _desk;
        private readonly ServiceProvider _provider;
        private readonly List<TicketId> _tickets = [];
        private readonly Dictionary<TicketId, List<StatusChange>> _history = [];
        private readonly HashSet<(TicketId, string, int)> _escalations = [];
        private readonly HashSet<(TicketId, SlaMetric, bool, Instant)> _warnings = [];
        private readonly Dictionary<TicketId, Dictionary<(SlaMetric Metric, bool Breached), int>> _warningCounts = [];

        public ModelRun(ITicketRepository? tickets = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(_clock);
            if (tickets is not null)
            {
                services.AddSingleton(tickets);
            }

            services.AddCrmCore();
            _provider = services.BuildServiceProvider();
            _desk = _provider.GetRequiredService<ServiceDesk>();
            foreach (var id in AgentIds)
            {
                _desk.RegisterAgent(id, id.Value, new TeamId("L1"), SkillSet.Empty, 1000);
            }

            _desk.RegisterCustomerAsync(Customer, new CustomerProfile { Name = "某某制造", FirstContactOn = new LocalDate(2026, 1, 1) }).GetAwaiter().GetResult();
        }

        public List<string> Violations { get; } = [];

        public IReadOnlyList<IDomainEvent> Step(int kind, byte pick, int minutes)
        {
            _clock.AdvanceMinutes(minutes);
            var ticket = _tickets.Count == 0 ? default : _tickets[pick % _tickets.Count];
            var agent = AgentIds[pick % AgentIds.Length];
            try
            {
                var result = kind switch
                {
                    0 or 1 => Raise(pick),
                    2 => _desk.PullNextAsync(agent).GetAwaiter().GetResult().Result,
                    3 when _tickets.Count > 0 => _desk.AssignAsync(ticket, agent, "lead").GetAwaiter().GetResult(),
                    4 when _tickets.Count > 0 => _desk.StartAsync(ticket, "agent").GetAwaiter().GetResult(),
                    5 when _tickets.Count > 0 => _desk.RespondAsync(ticket, "agent", "reply").GetAwaiter().GetResult(),
                    6 when _tickets.Count > 0 => _desk.WaitForCustomerAsync(ticket, "agent", "which version?").GetAwaiter().GetResult(),
                    7 when _tickets.Count > 0 => _desk.ResumeAsync(ticket, "agent").GetAwaiter().GetResult(),
                    8 when _tickets.Count > 0 => _desk.ResolveAsync(ticket, "agent", "fixed").GetAwaiter().GetResult(),
                    9 when _tickets.Count > 0 => _desk.ScheduleRevisitAsync(ticket, "agent").GetAwaiter().GetResult(),
                    10 when _tickets.Count > 0 => _desk.CompleteRevisitAsync(ticket, "manager", "ok", new DeskSurvey(new CsatScore(1 + (pick % 5)))).GetAwaiter().GetResult(),
                    11 when _tickets.Count > 0 => _desk.ConfirmResolutionAsync(ticket, "customer").GetAwaiter().GetResult(),
                    12 when _tickets.Count > 0 => _desk.CloseAsync(ticket, "agent").GetAwaiter().GetResult(),
                    13 when _tickets.Count > 0 => _desk.ReopenAsync(ticket, "customer", "again").GetAwaiter().GetResult(),
                    14 when _tickets.Count > 0 => _desk.MarkNoActionNeededAsync(ticket, "agent", "duplicate").GetAwaiter().GetResult(),
                    _ => _desk.AdvanceAsync().GetAwaiter().GetResult(),
                };
                Record(result);
                return result.Events;
            }
            catch (Exception e) when (e is TicketTransitionException or InvalidOperationException)
            {
                // Refused: nothing to record; Check() verifies nothing changed behind the model's back.
                return [];
            }
        }

        public void Check()
        {
            var queue = _desk.Queue.Snapshot();
            var queuedIds = queue.Select(q => q.Id).ToList();
            if (queuedIds.Count != queuedIds.Distinct().Count())
            {
                Violations.Add("a ticket is queued twice");
            }

            var stored = _provider.GetRequiredService<IQueueRepository>().ListAsync().ToBlockingEnumerable().Select(e => e.TicketId).Order().ToList();
            if (!stored.SequenceEqual(queuedIds.Order()))
            {
                Violations.Add($"the queue store ({string.Join(',', stored)}) differs from the queue ({string.Join(',', queuedIds)})");
            }

            var now = _clock.GetCurrentInstant();
            var engine = _provider.GetRequiredService<SlaEngine>();
            foreach (var id in _tickets)
            {
                var view = _desk.ViewAsync(id).GetAwaiter().GetResult();
                var owner = view.Ticket.Owner;
                var queued = queuedIds.Contains(id);
                var byQueue = owner == new AgentId("queue");
                if (queued && !byQueue)
                {
                    Violations.Add($"{id} is queued and owned by {owner}");
                }

                if (!byQueue && !AgentIds.Contains(owner))
                {
                    Violations.Add($"{id} is owned by {owner}, who is no agent");
                }

                if (byQueue && !queued && !TicketLifecycle.IsFinished(view.Ticket.Status))
                {
                    Violations.Add($"{id} is open, owned by nobody and not queued: stranded");
                }

                if (!view.Ticket.StatusHistory.SequenceEqual(_history[id]))
                {
                    Violations.Add($"{id}'s stored history differs from the events");
                }

                var modelSla = engine.Evaluate(new TicketView(view.Ticket with { StatusHistory = _history[id] }, view.Customer).ToSlaTicket(), now);
                var deskSla = _desk.GetSlaAsync(id).GetAwaiter().GetResult();
                if (!modelSla.Metrics.SequenceEqual(deskSla.Metrics))
                {
                    Violations.Add($"{id}'s SLA state differs from a fresh recomputation from its history");
                }
            }
        }

        private DeskResult Raise(byte pick)
        {
            var request = new TicketRequest
            {
                CustomerId = Customer,
                Description = "登录异常",
                Urgency = (Urgency)(pick % 3),
                Type = pick % 2 == 0 ? TicketType.Fault : TicketType.Consultation,
            };
            var (id, result) = _desk.RaiseAsync(request, "phone").GetAwaiter().GetResult();
            _tickets.Add(id);
            _history[id] = [];
            return result;
        }

        private void Record(DeskResult result)
        {
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case TicketCreated created:
                        _history[created.TicketId].Add(new StatusChange(created.OccurredAt, TicketStatus.Pending, TicketStatus.Pending, created.By));
                        break;
                    case TicketStatusChanged changed:
                        _history[changed.TicketId].Add(new StatusChange(changed.OccurredAt, changed.From, changed.To, changed.By));
                        break;
                    case TicketEscalated escalated when !_escalations.Add((escalated.TicketId, escalated.Ladder, escalated.Level)):
                        Violations.Add($"{escalated.TicketId} escalated twice to {escalated.Ladder}/{escalated.Level}");
                        break;
                    case SlaBreached breached:
                        Count(breached.TicketId, breached.Metric, true);
                        break;
                    case SlaWarningRaised warning:
                        Count(warning.TicketId, warning.Metric, false);
                        break;
                }
            }
        }

        private void Count(TicketId id, SlaMetric metric, bool breached)
        {
            var counts = _warningCounts.TryGetValue(id, out var c) ? c : _warningCounts[id] = [];
            counts[(metric, breached)] = counts.GetValueOrDefault((metric, breached)) + 1;
            var view = _desk.ViewAsync(id).GetAwaiter().GetResult();
            if (counts[(metric, breached)] > view.Ticket.ReopenCount + 1)
            {
                Violations.Add($"{id}: {(breached ? "breach" : "warning")} of {metric} raised more than once per cycle");
            }
        }
    }
}
