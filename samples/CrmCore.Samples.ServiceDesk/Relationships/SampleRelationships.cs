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
/// <item>an installed base of one to three devices per customer, stored in the desk's <see cref="IAssetRepository"/> (memory, SQLite or
/// PostgreSQL) before the first ticket; each fault ticket is linked to one of its customer's devices, more often to the failure-prone
/// models: most when they are raised, one in four later, by the agent who works the ticket (<see cref="ServiceDesk.LinkAssetAsync"/>).
/// The desk reads the stored device when it scores a ticket, so the rule pack's asset rules (a model with a known issue, a model failing
/// often) fire on real tickets; the failure analysis reads the stored assets and the links from the stored tickets;</item>
/// <item>the word-level feedback themes of <c>CrmCore.Knowledge</c> (<c>AddCrmKnowledge()</c>) for the report.</item>
/// </list>
/// </summary>
internal sealed class SampleRelationships : IPlanScheduler
{
    private static readonly (AgentId Id, double Diligence)[] Managers =
        [(new("am.wang"), 0.95), (new("am.li"), 0.85), (new("am.zhang"), 0.75), (new("am.chen"), 0.6)];

    private static readonly (string Model, int Weight)[] Models =
        [("打印机 LaserJet M404", 6), ("POS 终端 T2", 3), ("路由器 AX3000", 2), ("服务器 R740", 1), ("扫码枪 S10", 1)];

    private static readonly string[] AssetRules = ["KnownIssueModel", "HighFailureRateModel"];

    private readonly ContactPlanBook _book;
    private readonly ICustomerRepository _customers;
    private readonly IAssetRepository _assetStore;
    private readonly Func<CrmCore.Rules.RuleSet> _rules;
    private readonly List<AssetRuleFiring> _firings = [];
    private readonly YearMonth _month;
    private readonly DateTimeZone _zone;
    private readonly Random _random;
    private readonly List<(PlanEntryId Entry, Instant At, AgentId By)> _pending = [];
    private readonly Random _assetRandom;
    private readonly Dictionary<CustomerId, List<Asset>> _byCustomer = [];
    private bool _planned;

    private SampleRelationships(ContactPlanBook book, ICustomerRepository customers, IAssetRepository assets, Func<CrmCore.Rules.RuleSet> rules, SampleSettings settings)
    {
        _book = book;
        _customers = customers;
        _assetStore = assets;
        _rules = rules;
        _month = settings.Month;
        _zone = settings.Zone;
        _random = new Random(settings.Seed * 31 + 15);
        _assetRandom = new Random(settings.Seed * 31 + 4);
    }

    /// <summary>Registers contact plans (document 001 on the default calendar), this host's plan scheduler and the knowledge package.</summary>
    public static void Register(IServiceCollection services, SampleSettings settings)
    {
        services.AddCrmRelationships(o => o.Policy = ContactPolicy.Document001);
        services.AddSingleton(sp =>
        {
            var rules = sp.GetRequiredService<CrmCore.Rules.Reload.IRuleSetProvider>();
            return new SampleRelationships(
                sp.GetRequiredService<ContactPlanBook>(), sp.GetRequiredService<ICustomerRepository>(), sp.GetRequiredService<IAssetRepository>(), () => rules.Current!.RuleSet, settings);
        });
        services.AddSingleton<IPlanScheduler>(sp => sp.GetRequiredService<SampleRelationships>());
        services.AddCrmKnowledge();
        services.AddSingleton(sp => new SampleKnowledge(sp.GetRequiredService<Knowledge.KnowledgeBase>()));
    }

    /// <summary>The tickets on which an asset rule of the pack fired when they were raised, in the order they were raised.</summary>
    public IReadOnlyList<AssetRuleFiring> AssetRuleFirings => _firings;

    /// <summary>How many assets the store held at the end of the month.</summary>
    public int StoredAssets { get; private set; }

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
        var stored = new List<Asset>();
        await foreach (var state in _assetStore.ListAsync())
        {
            stored.Add(Asset.Restore(state));
        }

        StoredAssets = stored.Count;
        return new ReportSupplements { PlanCompletion = plans, AssetModels = AssetFailureAnalysis.Analyze(stored, links, from, to, _zone).PerModel };
    }

    /// <summary>
    /// Looks at a ticket just raised about a device: when the desk's view of it (the stored device's facts) makes an asset rule of the pack
    /// fire, remembers the ticket, its priority as the desk queued it and the reasons the pack gives, as an agent would see them.
    /// </summary>
    public async Task OnRaisedAsync(CrmCore.Desk.ServiceDesk desk, TicketId id, DeskResult raised, Instant now)
    {
        var view = await desk.ViewAsync(id);
        if (view.Asset is not { } asset)
        {
            return;
        }

        var evaluation = _rules().EvaluateTicket(CrmCore.Rules.Desk.TicketFactsProjection.ToFacts(view, now));
        var fired = evaluation.PriorityReasons.Where(r => AssetRules.Contains(r.Rule, StringComparer.Ordinal)).Select(r => r.Rule).ToList();
        if (fired.Count > 0)
        {
            var priority = raised.Events.OfType<TicketQueued>().Single().Priority;
            _firings.Add(new AssetRuleFiring(id, asset.Model, asset.ModelFailureRate, priority, fired, evaluation.PriorityReasons));
        }
    }

    /// <summary>
    /// The device a new ticket is about: for a fault, one of the customer's devices (the failure-prone models more often), and whether
    /// the caller names it when raising the ticket (three in four) or the agent finds it out later; null for other tickets.
    /// </summary>
    public async Task<(AssetId Asset, bool AtRaise)?> AssetForAsync(CustomerId customer, TicketType type)
    {
        if (_byCustomer.Count == 0)
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

            foreach (var asset in owned)
            {
                await _assetStore.SaveAsync(asset.ToState(1), 0);
            }

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

/// <summary>A ticket on which an asset rule fired: its device's model and failure rate, the priority the desk queued it with and the
/// pack's reasons (every priority reason, the asset ones among them).</summary>
internal sealed record AssetRuleFiring(TicketId Ticket, string Model, decimal? FailureRate, long Priority, IReadOnlyList<string> AssetRules, IReadOnlyList<CrmCore.Rules.ScoredReason> Reasons);
