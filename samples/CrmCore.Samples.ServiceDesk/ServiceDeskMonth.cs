using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Escalation;
using CrmCore.Metrics;
using CrmCore.Routing;
using CrmCore.Rules;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reload;
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
/// One month of a service desk, simulated event by event on a fake clock: customers are tiered and tagged by the
/// default rule pack, tickets arrive on several channels, are prioritised and routed by rules, worked by agents from the
/// queue, measured against SLAs on a China-style business calendar, escalated, revisited, closed and surveyed.
/// </summary>
internal sealed class ServiceDeskMonth
{
    private const string Desk = "desk";

    private readonly SampleSettings settings;
    private readonly FakeClock clock;
    private readonly SimulationQueue events = new();
    private readonly List<CustomerCase> customers = [];
    private readonly List<TicketCase> tickets = [];
    private readonly Dictionary<TicketId, TicketCase> byId = [];
    private readonly List<EscalationRaised> escalations = [];
    private readonly List<Assignment> assignments = [];
    private readonly Random random;
    private TicketFactory ticketFactory = null!;
    private RuleSet rules = null!;
    private BusinessCalendar calendar = null!;
    private SlaEngine sla = null!;
    private EscalationEngine escalation = null!;
    private TicketRouter router = null!;
    private SurveyCollector surveys = null!;
    private Instant monthEnd;

    private ServiceDeskMonth(SampleSettings settings)
    {
        this.settings = settings;
        random = new Random(settings.Seed);
        clock = new FakeClock(settings.Month.OnDayOfMonth(1).AtStartOfDayInZone(settings.Zone).ToInstant());
    }

    /// <summary>Runs the month and returns what happened.</summary>
    public static MonthOutcome Run(SampleSettings settings)
    {
        var month = new ServiceDeskMonth(settings);
        return month.Simulate();
    }

    private MonthOutcome Simulate()
    {
        using var provider = BuildServices();
        calendar = provider.GetRequiredService<CalendarRegistry>().Get("default");
        var world = SampleDataGenerator.Generate(settings.Seed, settings.Month, settings.Zone, settings.Customers, settings.Tickets, calendar.IsOpen);
        ticketFactory = provider.GetRequiredService<TicketFactory>();
        surveys = provider.GetRequiredService<SurveyCollector>();
        rules = provider.GetRequiredService<IRuleSetProvider>().Current!.RuleSet;
        sla = provider.GetRequiredService<SlaEngine>();
        escalation = provider.GetRequiredService<EscalationEngine>();
        router = provider.GetRequiredService<TicketRouter>();
        foreach (var team in Staffing.Teams)
        {
            router.AddTeam(team);
        }

        foreach (var agent in Staffing.Agents(random))
        {
            router.AddAgent(agent);
        }

        var customerFactory = provider.GetRequiredService<CustomerFactory>();
        foreach (var seed in world.Customers)
        {
            customers.Add(Onboard(customerFactory, seed));
        }

        var tierAtStart = customers.ToDictionary(c => c.Customer.Id, c => c.Customer.Tier ?? string.Empty);
        var start = clock.GetCurrentInstant();
        monthEnd = settings.Month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(settings.Zone).ToInstant();
        for (var i = 0; i < world.Tickets.Count; i++)
        {
            var seed = world.Tickets[i];
            events.Schedule(seed.RaisedAt, () => Arrive(seed));
        }

        for (var t = start; t < monthEnd; t += Duration.FromMinutes(5))
        {
            events.Schedule(t, Dispatch);
        }

        while (events.TryNext(monthEnd, out var at, out var action))
        {
            if (at > clock.GetCurrentInstant())
            {
                clock.Reset(at);
            }

            action();
        }

        clock.Reset(monthEnd);
        var churn = AssessChurn(provider.GetRequiredService<ChurnScorer>());
        var slaStates = tickets.Select(t => sla.Evaluate(SlaView(t), monthEnd)).ToList();
        var kpiInput = new KpiInput(ServiceRecords(slaStates), surveys.Responses, Lifecycles(tierAtStart)) { AsOf = monthEnd };
        var report = provider.GetRequiredService<MonthlyReportBuilder>().Build(kpiInput, settings.Month, churn);
        return new MonthOutcome(settings, calendar, customers, tickets, slaStates, escalations, assignments, router.Agents, surveys.Responses, churn, report);
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddCrmCore(o =>
        {
            // A month of ten thousand tickets needs five sequence digits; the document's WT{yyyyMM}{seq:3} allows 999.
            o.CustomerIdPattern = "KH{seq:5}";
            o.TicketIdPattern = "WT{yyyyMM}{seq:5}";
            o.TimeZoneId = settings.Zone.Id;
        });
        services.AddCrmMetrics();
        services.AddCrmRules();
        services.AddCrmCalendars(o =>
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "data", "calendars");
            o.AddJson(File.ReadAllText(Path.Combine(folder, "cn-standard.json")), relative => File.ReadAllText(Path.Combine(folder, relative)));
            o.DefaultCalendar = "cn-standard";
        });
        services.AddCrmSla(o =>
        {
            o.Policies = SlaPolicyJson.Document001;
            o.Escalation = EscalationPolicyJson.Document001;
        });
        services.AddCrmRouting(o =>
        {
            o.Strategy = LeastLoadedStrategy.StrategyName;
            o.OverflowAfter = Duration.FromHours(2);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private CustomerCase Onboard(CustomerFactory factory, CustomerSeed seed)
    {
        var customer = factory.Create(new CustomerProfile
        {
            Name = seed.Name,
            ShortName = seed.ShortName,
            Industry = new Industry(seed.Industry),
            Size = new CompanySize(seed.Employees, null),
            Source = new CustomerSource(seed.SourceChannel),
            FirstContactOn = seed.FirstContact,
            Transactions = new TransactionSummary(seed.FirstCooperation, Money.Cny(seed.AnnualAmount), [], 0),
            Contacts = [new Contact(seed.ContactName, ContactRole.DecisionMaker) { Phone = seed.ContactPhone, Email = seed.ContactEmail }],
        });
        if (seed.DoNotContact)
        {
            customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系");
        }

        var result = new CustomerCase(customer, seed);
        Classify(result);
        return result;
    }

    private void Classify(CustomerCase customer)
    {
        var evaluation = rules.EvaluateCustomer(Facts(customer));
        if (evaluation.Tier is { } tier)
        {
            customer.Customer.AssignTier(clock.GetCurrentInstant(), tier, "default rule pack");
        }

        foreach (var tag in customer.Customer.Tags.Except(evaluation.Tags, StringComparer.Ordinal).ToList())
        {
            customer.Customer.Untag(clock.GetCurrentInstant(), tag);
        }

        foreach (var tag in evaluation.Tags)
        {
            customer.Customer.Tag(clock.GetCurrentInstant(), tag);
        }
    }

    private CustomerFacts Facts(CustomerCase c)
    {
        var now = clock.GetCurrentInstant();
        var seed = c.Seed;
        var lastInteraction = c.LastInteraction ?? now - Duration.FromDays(seed.DaysSinceLastInteraction);
        var csat = c.Scores.Count > 0 ? (decimal)c.Scores.Average() : (decimal?)seed.CsatAverage;
        var input = new CustomerFactsInput
        {
            AnnualRevenue = seed.AnnualAmount,
            Industry = seed.Industry,
            Region = seed.Region,
            Tier = c.Customer.Tier ?? string.Empty,
            Employees = seed.Employees,
            SourceChannel = seed.SourceChannel,
            Tags = [.. c.Customer.Tags],
            ComplaintsLast60Days = c.ComplaintsThisMonth,
            ComplaintsPrev60Days = seed.ComplaintsPrev60Days,
            ConsultationsLast60Days = c.ConsultationsThisMonth,
            ConsultationsPrev60Days = seed.ConsultationsPrev60Days,
            UnresolvedComplaints = c.UnresolvedComplaints,
            OpenTicketCount = c.OpenTickets,
            LastInteractionAt = lastInteraction,
            FirstCooperationOn = seed.FirstCooperation,
            CsatAverage = csat,
            ContractEndsOn = seed.ContractEnd,
            DoNotContact = c.Customer.DoNotContact,
        };
        return CustomerFacts.From(input, now, settings.Zone);
    }

    private void Arrive(TicketSeed seed)
    {
        var customer = customers[seed.CustomerIndex];
        var ticket = ticketFactory.Open(
            new TicketRequest
            {
                CustomerId = customer.Customer.Id,
                Description = seed.Description,
                Urgency = seed.Urgency,
                Type = seed.Type,
                Channel = seed.Channel,
                RaisedAt = seed.RaisedAt,
            },
            new AgentId(Desk),
            Desk);
        var item = new TicketCase(ticket, seed, customer, string.Empty);
        tickets.Add(item);
        byId.Add(ticket.Id, item);
        customer.OpenTickets++;
        customer.LastInteraction = seed.RaisedAt;
        if (seed.Type == TicketType.Complaint)
        {
            customer.ComplaintsThisMonth++;
            customer.UnresolvedComplaints++;
        }
        else if (seed.Type == TicketType.Consultation)
        {
            customer.ConsultationsThisMonth++;
        }

        Submit(item);
        CheckEscalation(item);
    }

    private void Submit(TicketCase item)
    {
        var now = clock.GetCurrentInstant();
        var evaluation = rules.EvaluateTicket(TicketFacts(item, due: null));
        var state = sla.Evaluate(SlaView(item), now);
        var due = state.Find(item.Ticket.FirstResponseAt is null ? SlaMetric.FirstResponse : SlaMetric.Resolution)?.DueAt;
        var request = new RoutingRequest(item.Ticket.Id, item.Customer.Seed.Industry, item.Ticket.Type)
        {
            Urgency = item.Ticket.Urgency,
            Channel = item.Ticket.Channel,
            CustomerTier = item.Customer.Customer.Tier ?? string.Empty,
            CustomerTags = [.. item.Customer.Customer.Tags],
            RaisedAt = item.Ticket.RaisedAt,
        };
        var queued = router.Submit(request, (long)evaluation.PriorityPoints, due, now);
        item.Team = queued.Group.Value;
    }

    private TicketFacts TicketFacts(TicketCase item, Instant? due) => Rules.Facts.TicketFacts.From(
        new TicketFactsInput
        {
            Urgency = item.Ticket.Urgency,
            Type = item.Ticket.Type,
            Channel = item.Ticket.Channel,
            Status = item.Ticket.Status,
            CustomerTier = item.Customer.Customer.Tier ?? string.Empty,
            CustomerTags = [.. item.Customer.Customer.Tags],
            CustomerIndustry = item.Customer.Seed.Industry,
            RaisedAt = item.Ticket.RaisedAt,
            SlaDueAt = due,
            ReopenCount = item.Ticket.ReopenCount,
        },
        clock.GetCurrentInstant());

    private SlaTicket SlaView(TicketCase item) => new()
    {
        Id = item.Ticket.Id,
        RaisedAt = item.Ticket.RaisedAt,
        Urgency = item.Ticket.Urgency,
        Type = item.Ticket.Type,
        Channel = item.Ticket.Channel,
        History = item.Ticket.StatusHistory,
        FirstResponseAt = item.Ticket.FirstResponseAt,
        Tier = item.Customer.Customer.Tier,
    };

    private void Dispatch()
    {
        var now = clock.GetCurrentInstant();
        var open = calendar.IsOpen(now);
        var local = now.InZone(settings.Zone).LocalDateTime;
        var anyone = false;
        foreach (var agent in router.Agents)
        {
            var working = agent.Shift is { } shift ? shift.Covers(local) : open;
            agent.SetAvailability(working ? Availability.Online : Availability.Offline);
            anyone |= working;
        }

        if (!anyone)
        {
            return;
        }

        foreach (var assignment in router.Dispatch(now))
        {
            assignments.Add(assignment);
            Work(byId[assignment.TicketId], assignment.Agent);
        }
    }

    private void Work(TicketCase item, AgentId agent)
    {
        var ticket = item.Ticket;
        item.Agent = agent.Value;
        ticket.Reassign(clock.GetCurrentInstant(), agent, "router");
        if (ticket.Status == TicketStatus.Pending)
        {
            ticket.Start(clock.GetCurrentInstant(), agent.Value);
        }

        if (item.Seed.NoActionNeeded && ticket.ReopenCount == 0)
        {
            ticket.MarkNoActionNeeded(clock.GetCurrentInstant(), agent.Value, "duplicate request");
            Finish(item);
            return;
        }

        ticket.RespondToCustomer(clock.GetCurrentInstant(), agent.Value, "已收到，正在处理");
        if (item.Seed.CustomerWaits && ticket.ReopenCount == 0)
        {
            ticket.WaitForCustomer(clock.GetCurrentInstant(), agent.Value, "请提供更多信息");
            var reply = clock.GetCurrentInstant() + Duration.FromMinutes(random.Next(30, 20 * 60));
            events.Schedule(reply, () =>
            {
                ticket.ResumeWork(clock.GetCurrentInstant(), agent.Value);
                item.Contacts++;
                events.Schedule(calendar.Add(clock.GetCurrentInstant(), HandleTime(item)), () => Resolve(item));
            });
            return;
        }

        events.Schedule(calendar.Add(clock.GetCurrentInstant(), HandleTime(item)), () => Resolve(item));
    }

    private Duration HandleTime(TicketCase item)
    {
        var minutes = item.Ticket.Type == TicketType.Fault ? random.Next(30, 300) : random.Next(10, 120);
        return Duration.FromMinutes(item.Ticket.Urgency == Urgency.General ? minutes : minutes / 2);
    }

    private void Resolve(TicketCase item)
    {
        var ticket = item.Ticket;
        ticket.Resolve(clock.GetCurrentInstant(), item.Agent, "已处理：" + item.Seed.Description);
        router.Complete(ticket.Id);
        ticket.ScheduleRevisit(clock.GetCurrentInstant(), Desk);
        // The account manager revisits within two working days (document 001); some revisits run late.
        var days = random.NextDouble() < 0.1 ? 3 : 1;
        var revisit = calendar.AddWorkingDays(clock.GetCurrentInstant(), days);
        events.Schedule(revisit, () => Revisit(item));
    }

    private void Revisit(TicketCase item)
    {
        var ticket = item.Ticket;
        var now = clock.GetCurrentInstant();
        var seed = item.Seed;
        ticket.CompleteRevisit(clock.GetCurrentInstant(), "account-manager", "客户确认已解决");
        ticket.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(seed.Csat), "account-manager");
        ticket.Close(clock.GetCurrentInstant(), "account-manager");
        Finish(item);
        item.Customer.Scores.Add(seed.Csat);
        surveys.Record(new SurveyResponse(
            ticket.Id,
            ticket.CustomerId,
            now,
            new CsatScore(seed.Csat),
            seed.Nps is { } nps ? new NpsScore(nps) : null,
            Dimensions(seed.Csat),
            string.IsNullOrEmpty(seed.Comment) ? null : seed.Comment));
        if (seed.Reopens && !item.Reopened)
        {
            item.Reopened = true;
            events.Schedule(now + Duration.FromHours(random.Next(4, 72)), () =>
            {
                ticket.Reopen(clock.GetCurrentInstant(), Desk, "客户反馈问题再次出现");
                item.Customer.OpenTickets++;
                item.Contacts++;
                Submit(item);
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

    private void Finish(TicketCase item)
    {
        item.Customer.OpenTickets--;
        if (item.Ticket.Type == TicketType.Complaint && item.Customer.UnresolvedComplaints > 0)
        {
            item.Customer.UnresolvedComplaints--;
        }

        if (item.Ticket.Status == TicketStatus.NoActionNeeded)
        {
            router.Complete(item.Ticket.Id);
        }
    }

    private void CheckEscalation(TicketCase item)
    {
        var status = item.Ticket.Status;
        if (status is TicketStatus.Closed or TicketStatus.NoActionNeeded or TicketStatus.Resolved or TicketStatus.AwaitingRevisit)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var view = SlaView(item);
        var result = escalation.Evaluate(view, sla.Evaluate(view, now), item.Escalation, now);
        item.Escalation = result.State;
        escalations.AddRange(result.Raised);
        if (result.NextCheckAt is { } next && next < monthEnd)
        {
            events.Schedule(next > now ? next : now + Duration.FromMinutes(1), () => CheckEscalation(item));
        }
    }

    private List<ChurnAssessment> AssessChurn(ChurnScorer scorer)
    {
        var assessments = new List<ChurnAssessment>(customers.Count);
        foreach (var customer in customers)
        {
            Classify(customer);
            var evaluation = rules.EvaluateCustomer(Facts(customer));
            var factors = evaluation.ChurnRiskReasons
                .Select(r => new ChurnFactor(r.Rule, (double)r.Points, r.Reason, r.ReasonZhHans))
                .ToList();
            assessments.Add(scorer.Evaluate(customer.Customer.Id, factors, monthEnd));
        }

        return assessments;
    }

    private List<ServiceRecord> ServiceRecords(List<SlaTicketState> slaStates)
    {
        var records = new List<ServiceRecord>(tickets.Count);
        for (var i = 0; i < tickets.Count; i++)
        {
            var item = tickets[i];
            var ticket = item.Ticket;
            var state = slaStates[i];
            var first = state.Find(SlaMetric.FirstResponse);
            var resolution = state.Find(SlaMetric.Resolution);
            records.Add(new ServiceRecord
            {
                TicketId = ticket.Id.Value,
                CustomerId = ticket.CustomerId.Value,
                Team = item.Team,
                Agent = item.Agent,
                Tier = item.Customer.Customer.Tier ?? string.Empty,
                Region = item.Customer.Seed.Region,
                Channel = ticket.Channel.Code,
                Type = ticket.Type.Code,
                Urgency = ticket.Urgency.ToString(),
                RaisedAt = ticket.RaisedAt,
                FirstResponseAt = ticket.FirstResponseAt,
                FirstResponseBusinessTime = first?.Elapsed is { } elapsed && ticket.FirstResponseAt is not null ? elapsed : null,
                ResolvedAt = ticket.ResolvedAt,
                ClosedAt = ticket.ClosedAt,
                Status = ticket.Status.ToString(),
                ReopenCount = ticket.ReopenCount,
                ContactCount = item.Contacts,
                FirstResponseWithinTarget = first?.Status switch
                {
                    SlaClockStatus.Met => true,
                    SlaClockStatus.Breached => false,
                    _ => null,
                },
                ResolutionSlaBreached = resolution?.Status == SlaClockStatus.Breached,
                ResolvedOnFirstContact = ticket.ResolvedAt is not null && item.Contacts == 1 && ticket.ReopenCount == 0,
            });
        }

        return records;
    }

    private List<CustomerLifecycle> Lifecycles(Dictionary<CustomerId, string> tierAtStart)
    {
        // A customer whose contract ended this month and who was unhappy or silent did not renew: that is churn.
        var first = settings.Month.OnDayOfMonth(1);
        var last = settings.Month.OnDayOfMonth(settings.Month.Calendar.GetDaysInMonth(settings.Month.Year, settings.Month.Month));
        var lost = new Random(settings.Seed + 1);
        return customers.Select(c =>
        {
            var seed = c.Seed;
            LocalDate? lostOn = seed.ContractEnd is { } end && end >= first && end <= last
                && (seed.CsatAverage < 3.5 || seed.DaysSinceLastInteraction > 90 || lost.NextDouble() < 0.3)
                ? end
                : null;
            return new CustomerLifecycle
            {
                CustomerId = c.Customer.Id.Value,
                Since = seed.FirstCooperation,
                LostOn = lostOn,
                Tier = tierAtStart[c.Customer.Id],
                Region = seed.Region,
                Agent = c.Customer.AccountManager?.Value ?? string.Empty,
            };
        }).ToList();
    }
}
