using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Completeness;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Metrics;
using CrmCore.Routing;
using CrmCore.Samples.ServiceDesk.Data;
using CrmCore.Samples.ServiceDesk.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>
/// One month of a service desk, simulated event by event on a fake clock and driven through <see cref="CrmCore.Desk.ServiceDesk"/>:
/// the sample only plays the world (arrivals, agent shifts, handling times, customer replies, revisits and surveys); the
/// desk prioritises and routes by the rule pack, queues, measures SLAs, escalates and records what the KPIs read.
/// </summary>
internal sealed class ServiceDeskMonth
{
    private const string Desk = "desk";
    private const string Manager = "account-manager";

    private readonly SampleSettings settings;
    private readonly FakeClock clock;
    private readonly SimulationQueue events = new();
    private readonly List<TicketCase> tickets = [];
    private readonly Dictionary<TicketId, TicketCase> byId = [];
    private readonly Dictionary<TicketId, QueuedTicket> queued = [];
    private readonly Dictionary<AgentId, Shift?> shifts = [];
    private readonly List<TicketEscalated> escalations = [];
    private readonly List<Assignment> assignments = [];
    private readonly List<SurveyResponse> surveys = [];
    private readonly Random random;
    private CrmCore.Desk.ServiceDesk desk = null!;
    private BusinessCalendar calendar = null!;
    private CustomerBook book = null!;
    private Relationships.SampleRelationships relationships = null!;
    private Relationships.SampleKnowledge knowledge = null!;
    private readonly Dictionary<TicketId, CrmCore.Assets.AssetId> linkWhenWorked = [];

    private ServiceDeskMonth(SampleSettings settings)
    {
        this.settings = settings;
        random = new Random(settings.Seed);
        clock = new FakeClock(settings.Month.OnDayOfMonth(1).AtStartOfDayInZone(settings.Zone).ToInstant());
    }

    /// <summary>Runs the month and returns what happened.</summary>
    public static MonthOutcome Run(SampleSettings settings)
    {
        try
        {
            return new ServiceDeskMonth(settings).SimulateAsync().GetAwaiter().GetResult();
        }
        finally
        {
            settings.Store.Cleanup();
        }
    }

    private async Task<MonthOutcome> SimulateAsync()
    {
        book = new CustomerBook(settings, clock);
        using var provider = SampleServices.Build(settings, clock, book);
        desk = provider.GetRequiredService<CrmCore.Desk.ServiceDesk>();
        relationships = provider.GetRequiredService<Relationships.SampleRelationships>();
        knowledge = provider.GetRequiredService<Relationships.SampleKnowledge>();
        await knowledge.PrepareAsync();
        calendar = provider.GetRequiredService<CalendarRegistry>().Get("default");
        var world = SampleDataGenerator.Generate(settings.Seed, settings.Month, settings.Zone, settings.Customers, settings.Tickets, calendar.IsOpen);
        await StaffAsync();
        await book.OnboardAsync(desk, provider.GetRequiredService<CustomerFactory>(), world.Customers);
        var monthEnd = settings.Month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(settings.Zone).ToInstant();
        world.Tickets.ToList().ForEach(seed => events.Schedule(seed.RaisedAt, () => ArriveAsync(seed)));
        for (var t = clock.GetCurrentInstant(); t < monthEnd; t += Duration.FromMinutes(5))
        {
            events.Schedule(t, DispatchAsync);
        }

        while (events.TryNext(monthEnd, out var at, out var action))
        {
            clock.Reset(at > clock.GetCurrentInstant() ? at : clock.GetCurrentInstant());
            await action();
        }

        clock.Reset(monthEnd);
        var slaStates = new List<SlaTicketState>(tickets.Count);
        foreach (var item in tickets)
        {
            item.Ticket = Ticket.Restore((await desk.ViewAsync(item.Id)).Ticket);
            slaStates.Add(await desk.GetSlaAsync(item.Id));
        }

        // The month's KPIs slice by the tiers the customers had during the month; then the desk reclassifies and scores churn.
        var recorded = await desk.KpiInputAsync(settings.Month);
        await book.ReclassifyAsync(desk);
        var (churn, _) = await desk.AssessChurnAsync();
        var kpi = recorded with { Customers = book.Lifecycles() };
        // Document 002's daily completeness check, on the customer records as the month leaves them.
        var supplements = await relationships.SupplementsAsync(tickets.Select(t => t.Ticket.ToState())) with
        {
            Completeness = CompletenessCheck.Check(book.Customers.Select(c => c.Customer)),
            Calendars = [calendar],
        };
        var report = provider.GetRequiredService<MonthlyReportBuilder>().Build(kpi, settings.Month, churn, supplements);
        return new MonthOutcome(settings, calendar, book.Customers, tickets, slaStates, escalations, assignments, desk.Agents, surveys, churn, report, knowledge, relationships);
    }

    // The teams and agents go through the desk's stores: what the store holds is restored, what it lacks is registered and stored (with
    // the general pool each agent joins), so a host restarted on the same database finds its staff again. Shifts stay the sample's.
    private async Task StaffAsync()
    {
        await desk.RestoreAgentsAsync();
        var storedTeams = desk.Teams.Select(t => t.Id).ToHashSet();
        foreach (var team in Staffing.Teams.Where(t => !storedTeams.Contains(t.Id)))
        {
            await desk.RegisterTeamAsync(team);
        }

        var storedAgents = desk.Agents.Select(a => a.Id).ToHashSet();
        foreach (var agent in Staffing.Agents(random))
        {
            shifts[agent.Id] = agent.Shift;
            if (storedAgents.Contains(agent.Id))
            {
                continue;
            }

            var registered = await desk.RegisterAgentAsync(agent.Id, agent.Name, agent.Team, agent.Skills, agent.Capacity);
            var joined = agent.Teams.Where(t => t != agent.Team).ToList();
            if (joined.Count > 0)
            {
                joined.ForEach(registered.JoinTeam);
                await desk.SaveAgentAsync(agent.Id);
            }
        }
    }

    private async Task ArriveAsync(TicketSeed seed)
    {
        var customer = book.Customers[seed.CustomerIndex];
        var asset = await relationships.AssetForAsync(customer.Id, seed.Type);
        var request = new TicketRequest
        {
            CustomerId = customer.Id, Description = seed.Description, Urgency = seed.Urgency, Type = seed.Type, Channel = seed.Channel, RaisedAt = seed.RaisedAt,
            RelatedAssetId = asset is { AtRaise: true } named ? named.Asset.Value : null,
        };
        var (id, raised) = await desk.RaiseAsync(request, Desk);
        if (asset is { AtRaise: false } later)
        {
            linkWhenWorked[id] = later.Asset;
        }
        else if (asset is not null)
        {
            await relationships.OnRaisedAsync(desk, id, raised, clock.GetCurrentInstant());
        }

        knowledge.OnRaised(id, seed.Type, seed.Description, raised);
        desk.Queue.TryGet(id, out var entry);
        queued[id] = entry;
        tickets.Add(byId[id] = new TicketCase(id, seed, customer));
    }

    private async Task DispatchAsync()
    {
        var now = clock.GetCurrentInstant();
        var local = now.InZone(settings.Zone).LocalDateTime;
        foreach (var agent in desk.Agents)
        {
            var working = shifts[agent.Id] is { } shift ? shift.Covers(local) : calendar.IsOpen(now);
            agent.SetAvailability(working ? Availability.Online : Availability.Offline);
        }

        if (now.ToUnixTimeTicks() / Duration.FromMinutes(5).BclCompatibleTicks % 3 == 0)
        {
            escalations.AddRange((await desk.AdvanceAsync()).Events.OfType<TicketEscalated>());
        }

        foreach (var agent in desk.Agents.OrderBy(a => a.Load).ThenBy(a => a.Id.Value, StringComparer.Ordinal).ToList())
        {
            while (agent.CanTakeWork && await desk.PullNextAsync(agent.Id) is ({ } id, _))
            {
                assignments.Add(new Assignment(queued[id], agent.Id, now));
                if (linkWhenWorked.Remove(id, out var asset))
                {
                    // The engineer finds out which device failed.
                    await desk.LinkAssetAsync(id, asset, agent.Id.Value);
                }

                await WorkAsync(byId[id], agent.Id.Value);
            }
        }
    }

    private async Task WorkAsync(TicketCase item, string agent)
    {
        item.Agent = agent;
        if (item.Seed.NoActionNeeded && !item.Reopened)
        {
            await desk.MarkNoActionNeededAsync(item.Id, agent, "duplicate request");
            return;
        }

        await desk.RespondAsync(item.Id, agent, "已收到，正在处理");
        if (item.Seed.CustomerWaits && !item.Reopened)
        {
            await desk.WaitForCustomerAsync(item.Id, agent, "请提供更多信息");
            events.Schedule(clock.GetCurrentInstant() + Duration.FromMinutes(random.Next(30, 20 * 60)), async () =>
            {
                await desk.ResumeAsync(item.Id, agent);
                ScheduleResolution(item);
            });
            return;
        }

        ScheduleResolution(item);
    }

    private void ScheduleResolution(TicketCase item)
    {
        var minutes = item.Seed.Type == TicketType.Fault ? random.Next(30, 300) : random.Next(10, 120);
        var handle = Duration.FromMinutes(item.Seed.Urgency == Urgency.General ? minutes : minutes / 2);
        events.Schedule(calendar.Add(clock.GetCurrentInstant(), handle), async () =>
        {
            await desk.ResolveAsync(item.Id, item.Agent, "已处理：" + item.Seed.Description);
            await desk.ScheduleRevisitAsync(item.Id, Desk);
            // The account manager revisits within two working days (document 001); some revisits run late.
            events.Schedule(calendar.AddWorkingDays(clock.GetCurrentInstant(), random.NextDouble() < 0.1 ? 3 : 1), () => RevisitAsync(item));
        });
    }

    private async Task RevisitAsync(TicketCase item)
    {
        var seed = item.Seed;
        NpsScore? nps = seed.Nps is { } score ? new NpsScore(score) : null;
        await desk.CompleteRevisitAsync(item.Id, Manager, "客户确认已解决", new DeskSurvey(new CsatScore(seed.Csat), nps, Dimensions(seed.Csat), string.IsNullOrEmpty(seed.Comment) ? null : seed.Comment));
        await desk.CloseAsync(item.Id, Manager);
        surveys.Add((await desk.ViewAsync(item.Id)).Ticket.Survey!);
        if (seed.Reopens && !item.Reopened)
        {
            item.Reopened = true;
            events.Schedule(clock.GetCurrentInstant() + Duration.FromHours(random.Next(4, 72)), async () =>
            {
                await desk.ReopenAsync(item.Id, Desk, "客户反馈问题再次出现");
                await WorkAsync(item, item.Agent);
            });
        }
    }

    private Dictionary<SatisfactionDimension, int> Dimensions(int csat) => new()
    {
        [SatisfactionDimension.ResponseSpeed] = Math.Clamp(csat + random.Next(-1, 2), 1, 5),
        [SatisfactionDimension.Resolution] = csat,
        [SatisfactionDimension.SolutionQuality] = Math.Clamp(csat + random.Next(-1, 2), 1, 5),
        [SatisfactionDimension.Communication] = Math.Clamp(csat + random.Next(0, 2), 1, 5),
        [SatisfactionDimension.Price] = Math.Clamp(csat + random.Next(-2, 1), 1, 5),
    };
}
