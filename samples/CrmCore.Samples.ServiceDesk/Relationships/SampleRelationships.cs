using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Metrics;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Relationships;

/// <summary>
/// The sample's relationship maintenance and installed base, kept apart from the month's ticket simulation (it draws from its own
/// random sequence, so the ticket figures do not move):
/// <list type="bullet">
/// <item>contact plans by document 001's policy (tiers A, B, C as the rule pack assigns them) on the month's calendar; the desk's timer (<see cref="ServiceDesk.AdvanceAsync"/>) raises
/// the due and overdue reminders through this host's <see cref="IPlanScheduler"/>, which plans the month on its first tick, as a host
/// would plan the coming window daily;</item>
/// <item>four account managers (the sample customers have none of their own) who act on a due reminder with different diligence: most
/// contacts are made the same day, some a day late, some never (those go overdue);</item>
/// <item>an installed base of one to three devices per customer; each fault ticket is linked to one of its customer's devices, more
/// often to the failure-prone models: most when they are raised, one in four later, by the agent who works the ticket
/// (<see cref="ServiceDesk.LinkAssetAsync"/>); the failure analysis reads the links from the stored tickets;</item>
/// <item>the word-level feedback themes of <c>CrmCore.Knowledge</c> (<c>AddCrmKnowledge()</c>) for the report.</item>
/// </list>
/// </summary>
internal sealed class SampleRelationships : IPlanScheduler
{
    private static readonly (AgentId Id, double Diligence)[] Managers =
        [(new("am.wang"), 0.95), (new("am.li"), 0.85), (new("am.zhang"), 0.75), (new("am.chen"), 0.6)];

    private static readonly (string Model, int Weight)[] Models =
        [("打印机 LaserJet M404", 6), ("POS 终端 T2", 3), ("路由器 AX3000", 2), ("服务器 R740", 1), ("扫码枪 S10", 1)];

    private readonly ContactPlanBook _book;
    private readonly ICustomerRepository _customers;
    private readonly YearMonth _month;
    private readonly DateTimeZone _zone;
    private readonly Random _random;
    private readonly List<(PlanEntryId Entry, Instant At, AgentId By)> _pending = [];
    private readonly Random _assetRandom;
    private readonly List<Asset> _assets = [];
    private readonly Dictionary<CustomerId, List<Asset>> _byCustomer = [];
    private bool _planned;

    private SampleRelationships(ContactPlanBook book, ICustomerRepository customers, SampleSettings settings)
    {
        _book = book;
        _customers = customers;
        _month = settings.Month;
        _zone = settings.Zone;
        _random = new Random(settings.Seed * 31 + 15);
        _assetRandom = new Random(settings.Seed * 31 + 4);
    }

    /// <summary>Registers contact plans (document 001 on the default calendar), this host's plan scheduler and the knowledge package.</summary>
    public static void Register(IServiceCollection services, SampleSettings settings)
    {
        services.AddCrmRelationships(o => o.Policy = ContactPolicy.Document001);
        services.AddSingleton(sp => new SampleRelationships(sp.GetRequiredService<ContactPlanBook>(), sp.GetRequiredService<ICustomerRepository>(), settings));
        services.AddSingleton<IPlanScheduler>(sp => sp.GetRequiredService<SampleRelationships>());
        services.AddCrmKnowledge();
        services.AddSingleton(sp => new SampleKnowledge(sp.GetRequiredService<Knowledge.KnowledgeBase>()));
    }

    /// <summary>The account manager the sample gives a customer that has none: the same one every run.</summary>
    public static AgentId ManagerOf(CustomerId customer) =>
        Managers[Index(customer.Value)].Id;

    /// <inheritdoc />
    public async Task<IReadOnlyList<IDomainEvent>> AdvanceAsync(Instant now, CancellationToken cancellationToken = default)
    {
        if (!_planned)
        {
            _planned = true;
            await PlanMonthAsync(cancellationToken);
        }

        foreach (var (entry, at, by) in _pending.Where(p => p.At <= now).ToList())
        {
            _pending.Remove((entry, at, by));
            await _book.CompleteAsync(entry, at, by.Value, Feedback(), null, cancellationToken);
        }

        var events = await _book.AdvanceAsync(now, cancellationToken);
        foreach (var due in events.OfType<ContactPlanEntryBecameDue>())
        {
            var manager = Managers.First(m => m.Id == due.Owner);
            if (_random.NextDouble() < manager.Diligence)
            {
                // Most contacts the same working day; about one in five the next day (late).
                var late = _random.NextDouble() < 0.2;
                var at = late ? due.DueBy + Duration.FromHours(_random.Next(9, 18)) : due.OccurredAt + Duration.FromMinutes(_random.Next(30, 6 * 60));
                _pending.Add((due.Entry, at, manager.Id));
            }
        }

        return events;
    }

    /// <summary>Plan completion by account manager and the asset models' failure statistics of the month (from the tickets' stored
    /// asset links), for the report.</summary>
    public async Task<ReportSupplements> SupplementsAsync(IEnumerable<TicketState> tickets)
    {
        var first = _month.OnDayOfMonth(1);
        var last = _month.OnDayOfMonth(_month.ToDateInterval().Length);
        var from = first.AtStartOfDayInZone(_zone).ToInstant();
        var to = last.PlusDays(1).AtStartOfDayInZone(_zone).ToInstant();
        var plans = await _book.CompletionAsync(first, last, to);
        var links = tickets.Select(TicketAssetLink.Of).OfType<TicketAssetLink>();
        return new ReportSupplements { PlanCompletion = plans, AssetModels = AssetFailureAnalysis.Analyze(_assets, links, from, to, _zone).PerModel };
    }

    /// <summary>
    /// The device a new ticket is about: for a fault, one of the customer's devices (the failure-prone models more often), and whether
    /// the caller names it when raising the ticket (three in four) or the agent finds it out later; null for other tickets.
    /// </summary>
    public async Task<(AssetId Asset, bool AtRaise)?> AssetForAsync(CustomerId customer, TicketType type)
    {
        if (_assets.Count == 0)
        {
            await InstalledBaseAsync();
        }

        if (type != TicketType.Fault || !_byCustomer.TryGetValue(customer, out var owned))
        {
            return null;
        }

        var weights = owned.Select(a => Models.First(m => m.Model == a.Model).Weight).ToArray();
        var pick = _assetRandom.Next(weights.Sum());
        var index = 0;
        while (pick >= weights[index])
        {
            pick -= weights[index++];
        }

        return (owned[index].Id, _assetRandom.Next(4) != 0);
    }

    private async Task PlanMonthAsync(CancellationToken cancellationToken)
    {
        var first = _month.OnDayOfMonth(1);
        var last = _month.OnDayOfMonth(_month.ToDateInterval().Length);
        await foreach (var state in _customers.ListAsync(cancellationToken))
        {
            var customer = Customer.Restore(state);
            var subject = PlanSubject.From(customer) with { AccountManager = customer.AccountManager ?? ManagerOf(customer.Id) };
            await _book.ScheduleAsync(subject, first, last, cancellationToken);
        }
    }

    private async Task InstalledBaseAsync()
    {
        var customers = new List<CustomerId>();
        await foreach (var state in _customers.ListAsync())
        {
            customers.Add(state.Id);
        }

        foreach (var customer in customers.OrderBy(c => c.Value, StringComparer.Ordinal))
        {
            var owned = new List<Asset>();
            for (var i = 0; i < 1 + _assetRandom.Next(3); i++)
            {
                var model = Models[_assetRandom.Next(Models.Length)].Model;
                var installed = _month.OnDayOfMonth(1).PlusDays(-_assetRandom.Next(60, 1500));
                owned.Add(new Asset(new AssetId($"{customer.Value}-A{i + 1}"), model, $"SN{customer.Value}{i + 1}", model, customer, installed, installed.PlusYears(3)));
            }

            _assets.AddRange(owned);
            _byCustomer[customer] = owned;
        }
    }

    private string Feedback() => _random.Next(4) switch
    {
        0 => "客户对服务满意",
        1 => "客户希望了解新产品",
        2 => "客户反馈近期无需求",
        _ => "客户提出续约意向",
    };

    private static int Index(string text)
    {
        // A stable hash (string.GetHashCode differs between runs).
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return (int)((uint)hash % (uint)Managers.Length);
    }
}
