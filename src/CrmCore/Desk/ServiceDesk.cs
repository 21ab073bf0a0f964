using System.Globalization;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Escalation;
using CrmCore.Identifiers;
using CrmCore.Routing;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The service desk: owns a ticket's journey from raise to close. Commands load the ticket from <see cref="ITicketRepository"/>, apply one
/// move of the <see cref="Ticket"/> aggregate at the clock's "now", save it with its version, and return (and publish to every
/// <see cref="IDeskEventSubscriber"/>) the past-tense events. <see cref="AdvanceAsync"/>, called from a host's timer, raises SLA warnings,
/// breaches and each escalation level exactly once (in business time), revisit reminders, and re-ranks the queue.
/// While a ticket waits in the queue its owner is <see cref="DeskOptions.QueueOwner"/>; it is owned by an agent only once taken, so a
/// ticket is never both queued and owned. Routing runs once per raised ticket. Skill codes compare case-insensitively: each spelling is
/// normalised once to the first one the desk saw. Thread-safe: commands run one at a time.
/// </summary>
public sealed class ServiceDesk
{
    private readonly IClock _clock;
    private readonly ITicketRepository _tickets;
    private readonly ICustomerRepository _customers;
    private readonly IQueueRepository _queueStore;
    private readonly ISequenceRepository _sequences;
    private readonly IEscalationRepository _escalations;
    private readonly IStoreTransactions _transactions;
    // The stores' own transactions (not the desk's watermarked view): to learn whether a host's transaction is open on the flow.
    private readonly IStoreTransactions _storeTransactions;
    private readonly IAgentRepository _agentStore;
    private readonly SlaEngine _sla;
    private readonly EscalationEngine _escalation;
    private readonly TicketQueue _queue;
    private readonly IPriorityScorer _priority;
    private readonly IRoutingPolicy _routing;
    private readonly IEscalationPathChooser _paths;
    private readonly IPlanScheduler _plans;
    private readonly ICustomerClassifier _classifier;
    private readonly IChurnFactorSource _churnFactors;
    private readonly ICustomerBackgroundSource _background;
    private readonly Churn.ChurnScorer? _churn;
    private readonly IReadOnlyList<IDeskEventSubscriber> _subscribers;
    private readonly DeskOptions _options;
    private readonly TicketOptions _ticketOptions;
    private readonly IdPattern _idPattern;
    private readonly DateTimeZone _zone;
    private readonly Assets.IAssetRepository? _assets;
    private readonly Assets.IModelTicketCounts? _modelCounts;

    // A model's counts for a raise instant R, kept because every command on a ticket rebuilds its view (a scan or a query each time
    // made the sample month five times slower). They change only when a ticket raised in R's window [R - FailureRateWindow, R) is
    // linked, relinked or raised about an asset of the model, or an asset is backdated: the desk's own links and raises forget that model's
    // instants whose window holds the ticket (ForgetModelCounts), and the cache is cleared whenever it holds ModelCountsKept. A host that writes
    // assets or tickets past the desk sees counts that lag until then.
    private const int ModelCountsKept = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Model, Instant RaisedAt), Assets.ModelTicketCount> _modelCountCache = new();
    private readonly Knowledge.IArticleSuggester? _suggester;
    private readonly Dictionary<AgentId, Agent> _agents = [];
    private readonly Dictionary<AgentId, long> _agentVersions = [];
    private readonly Dictionary<TeamId, Team> _teams = [];
    private readonly Dictionary<string, Skill> _skillSpelling = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);
    // How to undo the in-memory queue changes the running command made before its commit: run (newest first) when the command fails,
    // dropped when it commits (kept until the host transaction ends when the command joined one), so that the queue never holds what the
    // store rolled back (or misses what the store still holds).
    private readonly QueueUndo _queueUndo = new();
    private readonly ChurnLedger _ledger = new();
    // The rule failures the advance reported (escalation path, daily churn assessment): each is reported once, not at every due instant.
    private readonly ReportedRuleFailures _reportedFailures = new();
    private LocalDate? _churnAssessedOn;
    // The last queue change number (IQueueRepository.ChangesAsync) this desk has applied to its in-memory queue, moved past the desk's
    // own writes when its transaction commits (the queue store and the transactions are wrapped to report them).
    private readonly QueueWatermark _queueSeen = new();

    /// <summary>Creates a desk. <c>AddCrmCore()</c> registers one as a singleton with the registered stores and ports.</summary>
    /// <param name="clock">Where "now" comes from.</param>
    /// <param name="stores">The stores.</param>
    /// <param name="engines">The SLA engine, escalation engine and waiting queue.</param>
    /// <param name="ports">The rule ports.</param>
    /// <param name="subscribers">Who receives the events; may be empty.</param>
    /// <param name="options">The desk and id policies.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The id pattern is invalid or the revisit delay is not positive.</exception>
    public ServiceDesk(IClock clock, DeskStores stores, DeskEngines engines, DeskPorts ports, IEnumerable<IDeskEventSubscriber> subscribers, DeskSettings options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(subscribers);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Desk.RevisitDelay <= Duration.Zero)
        {
            throw new ArgumentException($"The revisit delay must be positive, not {options.Desk.RevisitDelay}.", nameof(options));
        }

        if (options.Desk.OverflowAfter <= Duration.Zero)
        {
            throw new ArgumentException($"The overflow wait must be positive, not {options.Desk.OverflowAfter}.", nameof(options));
        }

        if (options.Desk.SuggestedArticles is < 0 or > 20)
        {
            throw new ArgumentException($"The number of suggested articles must be from 0 to 20, not {options.Desk.SuggestedArticles}.", nameof(options));
        }

        if (options.Desk.SuggestionTimeout < Duration.FromMilliseconds(1) || options.Desk.SuggestionTimeout > Duration.FromMinutes(1))
        {
            throw new ArgumentException($"The suggestion timeout must be from 1 ms to 1 minute, not {options.Desk.SuggestionTimeout}.", nameof(options));
        }

        if (options.Desk.FailureRateWindow <= Duration.Zero)
        {
            throw new ArgumentException($"The failure rate window must be positive, not {options.Desk.FailureRateWindow}.", nameof(options));
        }

        _clock = clock;
        (_tickets, _customers, _sequences, _escalations) = (stores.Tickets, stores.Customers, stores.Sequences, stores.Escalations);
        _queueStore = new WatermarkedQueueRepository(stores.Queue, _queueSeen);
        _storeTransactions = stores.Transactions;
        _transactions = new WatermarkedTransactions(stores.Transactions, _queueSeen, _queueUndo);
        _agentStore = stores.Agents;
        _assets = stores.Assets;
        _modelCounts = stores.ModelTicketCounts;
        (_sla, _escalation, _queue) = (engines.Sla, engines.Escalation, engines.Queue);
        _plans = engines.Plans;
        (_priority, _routing, _paths) = (ports.Priority, ports.Routing, ports.EscalationPath);
        (_classifier, _churnFactors, _background, _churn) = (ports.Classifier, ports.ChurnFactors, ports.Background, engines.Churn);
        _suggester = ports.Suggester;
        _subscribers = [.. subscribers];
        _options = options.Desk;
        _ticketOptions = options.Tickets;
        _idPattern = IdPattern.Parse(options.TicketIdPattern);
        _zone = options.TimeZone;
    }

    /// <summary>The agents registered with <see cref="RegisterAgentAsync"/> or <see cref="RegisterAgent"/>, or restored by <see cref="RestoreAgentsAsync"/>.</summary>
    public IReadOnlyCollection<Agent> Agents => _agents.Values;

    /// <summary>The waiting queue (read it; change it only through the desk).</summary>
    public TicketQueue Queue => _queue;

    /// <summary>
    /// Registers an agent who may take tickets, in this desk's memory only: the agent is not stored, so a restarted host (or another
    /// desk on the same store) does not know it. For desks on the in-memory stores and tests; on SQLite or PostgreSQL register agents
    /// with <see cref="RegisterAgentAsync"/>, which stores them, and call <see cref="RestoreAgentsAsync"/> at start-up. The agent's skill
    /// codes are normalised to the spellings the desk already knows (case-insensitively), so <c>technical</c> and <c>Technical</c> are
    /// one skill.
    /// </summary>
    /// <param name="id">The agent id; must not be the queue owner.</param>
    /// <param name="name">The display name.</param>
    /// <param name="team">The agent's team (group).</param>
    /// <param name="skills">The agent's skills.</param>
    /// <param name="capacity">How many tickets the agent can hold at once; at least 1.</param>
    /// <returns>The registered agent, online.</returns>
    /// <exception cref="ArgumentException">The id is the queue owner or already registered, or an argument is invalid.</exception>
    public Agent RegisterAgent(AgentId id, string name, TeamId team, SkillSet skills, int capacity)
    {
        ArgumentNullException.ThrowIfNull(skills);
        if (id == _options.QueueOwner || _agents.ContainsKey(id))
        {
            throw new ArgumentException($"Agent id '{id}' is the queue owner or is already registered.", nameof(id));
        }

        var agent = new Agent(id, name, team, Normalise(skills), capacity);
        agent.SetAvailability(Availability.Online);
        _agents.Add(id, agent);
        return agent;
    }

    /// <summary>The teams registered with <see cref="RegisterTeamAsync"/> or restored by <see cref="RestoreAgentsAsync"/>.</summary>
    public IReadOnlyCollection<Team> Teams => _teams.Values;

    /// <summary>Registers an agent as <see cref="RegisterAgent"/> does and stores it (<see cref="DeskStores.Agents"/>), so that a restarted
    /// host finds it again with <see cref="RestoreAgentsAsync"/>.</summary>
    /// <param name="id">The agent id; must not be the queue owner.</param>
    /// <param name="name">The display name.</param>
    /// <param name="team">The agent's team (group).</param>
    /// <param name="skills">The agent's skills.</param>
    /// <param name="capacity">How many tickets the agent can hold at once; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered agent, online.</returns>
    /// <exception cref="ArgumentException">The id is the queue owner or already registered, or an argument is invalid.</exception>
    /// <exception cref="ConcurrencyConflictException">The store already holds an agent with this id (restore it instead); nothing is registered.</exception>
    public async Task<Agent> RegisterAgentAsync(AgentId id, string name, TeamId team, SkillSet skills, int capacity, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var agent = RegisterAgent(id, name, team, skills, capacity);
            try
            {
                await _agentStore.SaveAsync(agent.ToState(1), 0, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _agents.Remove(id);
                throw;
            }

            _agentVersions[id] = 1;
            return agent;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Stores what changed on a registered agent since it was stored: its availability (<see cref="Agent.SetAvailability"/>) and
    /// the temporary teams it joined or left (<see cref="Agent.JoinTeam"/>).</summary>
    /// <param name="id">A registered agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ArgumentException">The agent is not registered.</exception>
    /// <exception cref="ConcurrencyConflictException">Another host stored the agent since this desk read it; nothing is written.</exception>
    public async Task SaveAgentAsync(AgentId id, CancellationToken cancellationToken = default)
    {
        var agent = RequireAgent(id);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = _agentVersions.GetValueOrDefault(id);
            await _agentStore.SaveAsync(agent.ToState(version + 1), version, cancellationToken).ConfigureAwait(false);
            _agentVersions[id] = version + 1;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Registers a team (service group) and stores it, replacing a stored team with the same id.</summary>
    /// <param name="team">The team.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task RegisterTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _agentStore.SaveTeamAsync(team, cancellationToken).ConfigureAwait(false);
            _teams[team.Id] = team;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Brings back the stored teams and agents (<see cref="DeskStores.Agents"/>): call it once at start-up when the stores persist, with
    /// <see cref="RestoreQueueAsync"/>, before the first command. Each agent comes back with its skills, capacity, shift, availability and
    /// temporary teams, holding one slot per ticket it owns that is not yet resolved. Agents already registered are left as they are.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many agents were added.</returns>
    public async Task<int> RestoreAgentsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var team in _agentStore.ListTeamsAsync(cancellationToken).ConfigureAwait(false))
            {
                _teams[team.Id] = team;
            }

            var added = new List<Agent>();
            await foreach (var state in _agentStore.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (state.Id != _options.QueueOwner && !_agents.ContainsKey(state.Id))
                {
                    var agent = Agent.Restore(state with { Skills = Normalise(state.Skills) });
                    _agents.Add(state.Id, agent);
                    _agentVersions[state.Id] = state.Version;
                    added.Add(agent);
                }
            }

            if (added.Count > 0)
            {
                // A slot is held from the take to the resolution (and again after a reopen), as the commands reserve and release it: one
                // aggregate query per start-up, not a read of every open ticket.
                var held = await _tickets.CountHeldByOwnerAsync(cancellationToken).ConfigureAwait(false);
                foreach (var agent in added)
                {
                    for (var i = held.GetValueOrDefault(agent.Id); i > 0; i--)
                    {
                        if (!agent.TryReserveSlot())
                        {
                            break;
                        }
                    }
                }
            }

            return added.Count;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Registers a customer (an existing id is refused by the store). With no <paramref name="tier"/> and no <paramref name="tags"/> the
    /// desk classifies it through <see cref="ICustomerClassifier"/> (see <see cref="RegisterCustomerAsync(Customer, CancellationToken)"/>).
    /// </summary>
    /// <param name="id">The customer id.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="tier">The tier, or null.</param>
    /// <param name="tags">Tags, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (<see cref="CustomerRegistered"/>, tier and tags).</returns>
    /// <exception cref="CustomerAlreadyRegisteredException">A customer with this id is already stored; nothing was written.</exception>
    public async Task<DeskResult> RegisterCustomerAsync(CustomerId id, CustomerProfile profile, string? tier = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var customer = Customer.Create(id, profile, Now());
        if (tier is null && tags is null)
        {
            return await RegisterCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            if (tier is not null)
            {
                customer.AssignTier(now, tier);
            }

            foreach (var tag in tags ?? [])
            {
                customer.Tag(now, tag);
            }

            await InsertCustomerAsync(customer.ToState(), cancellationToken).ConfigureAwait(false);
            return await PublishAsync([.. customer.DomainEvents], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Registers a customer the host built (for example with <see cref="CustomerFactory"/>, contacts and do-not-contact included) and
    /// classifies it through <see cref="ICustomerClassifier"/>: tier and tags from its record, its background
    /// (<see cref="ICustomerBackgroundSource"/>) and no activity yet. An existing id is refused by the store.
    /// </summary>
    /// <param name="customer">The new customer; its pending events are published with the classification's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (<see cref="CustomerRegistered"/>, tier and tags, and a <see cref="CustomerRuleFailed"/> for each rule of the
    /// classifier that failed at run time: it counts as not held and never fails the registration).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="CustomerAlreadyRegisteredException">A customer with this id is already stored; nothing was written.</exception>
    public async Task<DeskResult> RegisterCustomerAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            var view = CustomerViewOf(customer.ToState(), [], now);
            Apply(customer, _classifier.Classify(view), now);
            await InsertCustomerAsync(customer.ToState(), cancellationToken).ConfigureAwait(false);
            return await PublishAsync([.. customer.DomainEvents, .. ClassificationRuleFailures(view, now)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Classifies a registered customer again (tier and tags) through <see cref="ICustomerClassifier"/>, from its record, the activity the
    /// desk recorded (<see cref="CustomerActivity"/>) and its background, and saves the changes.
    /// </summary>
    /// <param name="id">The customer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (<see cref="CustomerTierChanged"/>, <see cref="CustomerTagged"/>, <see cref="CustomerUntagged"/>, and a
    /// <see cref="CustomerRuleFailed"/> for each rule of the classifier that failed at run time); none when nothing changed and no rule failed.</returns>
    /// <exception cref="ArgumentException">The customer is not registered.</exception>
    public async Task<DeskResult> ClassifyCustomerAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            var view = await CustomerViewAsync(id, now, cancellationToken).ConfigureAwait(false);
            var customer = Customer.Restore(view.Customer);
            Apply(customer, _classifier.Classify(view), now);
            if (customer.Version != view.Customer.Version)
            {
                await SaveCustomerAsync(customer.ToState(), view.Customer.Version, cancellationToken).ConfigureAwait(false);
            }

            return await PublishAsync([.. customer.DomainEvents, .. ClassificationRuleFailures(view, now)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Reads a customer with the activity the desk recorded and its background, as the classification and churn ports see it.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view as of now.</returns>
    /// <exception cref="ArgumentException">The customer is not registered.</exception>
    public Task<CustomerView> ViewCustomerAsync(CustomerId id, CancellationToken cancellationToken = default) =>
        CustomerViewAsync(id, Now(), cancellationToken);

    /// <summary>
    /// Assesses every registered customer's churn risk now: the factors from <see cref="IChurnFactorSource"/>, scored and remembered by the
    /// <see cref="Churn.ChurnScorer"/> (its <see cref="Churn.IChurnHistory"/> keeps each customer's band). A customer who enters the high band
    /// raises <see cref="ChurnFollowUpRaised"/> once (document 001); one who stays high raises nothing more. <see cref="AdvanceAsync"/> does
    /// the same once per local day. The first assessment reads every customer and ticket; later ones read only what the desk did not
    /// save itself (customers named to <see cref="RescheduleAsync"/>): the desk keeps each customer's record and a small summary per
    /// ticket as it saves them. A rule of the churn factor port that fails at run time counts as not held and is reported as
    /// <see cref="CustomerRuleFailed"/> (<see cref="ICustomerRuleFailureSource"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One assessment per customer, in the store's order, and the events.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="Churn.ChurnScorer"/> is registered (<c>AddCrmMetrics()</c>).</exception>
    public async Task<(IReadOnlyList<Churn.ChurnAssessment> Assessments, DeskResult Result)> AssessChurnAsync(CancellationToken cancellationToken = default)
    {
        if (_churn is null)
        {
            throw new InvalidOperationException("The desk has no churn scorer: register one (AddCrmMetrics()) to assess churn.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var events = new List<IDomainEvent>();
            var assessments = await AssessAllAsync(Now(), events, onlyUnreported: false, cancellationToken).ConfigureAwait(false);
            return (assessments, await PublishAsync(events, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Raises a ticket: looks up the customer, takes an id, routes it once, scores its priority, puts it in the queue (owner
    /// <see cref="DeskOptions.QueueOwner"/>) and starts its SLA clocks (they run from the status history). Raises
    /// <see cref="TicketCreated"/>, <see cref="TicketQueued"/> and, when no registered agent could ever take it, <see cref="TicketUnassignable"/>.
    /// With an article suggester (<see cref="DeskPorts.Suggester"/>) it also raises <see cref="ArticlesSuggested"/> (the top
    /// <see cref="DeskOptions.SuggestedArticles"/> for the ticket's type and description) or, when the suggester fails,
    /// <see cref="ArticleSuggestionFailed"/>: a suggester's failure never fails the raise. A rule of the ports that fails at run time
    /// (<see cref="ITicketRuleFailureSource"/>) counts as not held and is reported as <see cref="TicketRuleFailed"/>: it never fails the raise either.
    /// </summary>
    /// <param name="request">What the customer reported.</param>
    /// <param name="by">Who raises it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new ticket's id and the events.</returns>
    /// <exception cref="ArgumentException">The request is incomplete, or its customer is not registered.</exception>
    public async Task<(TicketId Id, DeskResult Result)> RaiseAsync(TicketRequest request, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            request = request with { RaisedAt = Storage.StoredPrecision.Truncate(request.RaisedAt), ExpectedResolutionAt = Storage.StoredPrecision.Truncate(request.ExpectedResolutionAt) };
            Ticket.Check(request, _options.QueueOwner, by, now);
            var (suggested, suggestionFailure) = await SuggestAsync(request, cancellationToken).ConfigureAwait(false);
            var work = _transactions.BeginAllOrNothing();
            return await InWorkAsync<(TicketId Id, DeskResult Result)>(work, async () =>
            {
                // First, as every queue command: on PostgreSQL this takes the queue's change lock before the save takes audit chain locks, the
                // one order all desks follow, so two desks never wait on each other.
                await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
                var customer = await _customers.FindAsync(request.CustomerId, cancellationToken).ConfigureAwait(false)
                    ?? throw new ArgumentException($"Customer {request.CustomerId} is not registered with the desk.", "request.CustomerId");
                var id = await NextIdAsync(now, cancellationToken).ConfigureAwait(false);
                var ticket = Ticket.Open(id, request, _options.QueueOwner, by, now, _ticketOptions);
                var view = await ViewOfAsync(ticket.ToState(), customer, cancellationToken).ConfigureAwait(false);
                var route = _routing.Route(view);
                var required = Normalise(route.RequiredSkills);
                var priority = Math.Clamp(_priority.Score(view), -QueuedTicket.MaxStaticPriority, QueuedTicket.MaxStaticPriority);
                var due = NextDue(view, now);
                var queued = new QueuedTicket(id, route.Group, priority, due, required, now);
                var entry = QueueEntryState.From(queued);
                List<IDomainEvent> events = [.. ticket.DomainEvents, new TicketQueued(id, now, route.Group, priority), .. RuleFailures(view, now)];
                if (WhyUnassignable(route.Group, required) is { } reason)
                {
                    events.Add(new TicketUnassignable(id, now, route.Group, required.ToString(), reason));
                }

                if (suggestionFailure is not null)
                {
                    events.Add(new ArticleSuggestionFailed(id, now, suggestionFailure));
                }
                else if (suggested.Count > 0)
                {
                    events.Add(new ArticlesSuggested(id, now, suggested));
                }

                await WriteAsync(view.Ticket with { Due = DueTimes(view, null, queued, now), RoutedGroup = route.Group }, 0, events, cancellationToken).ConfigureAwait(false);
                await _queueStore.AddAsync(entry, cancellationToken).ConfigureAwait(false);
                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                _queue.Enqueue(queued);
                _queueUndo.Add(() => _queue.Remove(id));
                _queueUndo.Committed();
                ForgetModelCounts(ticket.RaisedAt, view.Asset?.Model);

                return (id, await PublishAsync(events, cancellationToken).ConfigureAwait(false));
            }).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>The rules that failed (and counted as not held) while the ports judged a new ticket; each port object asked once.</summary>
    private IEnumerable<TicketRuleFailed> RuleFailures(TicketView view, Instant now) =>
        new object[] { _routing, _priority, _paths }.Distinct(ReferenceEqualityComparer.Instance).OfType<ITicketRuleFailureSource>()
            .SelectMany(source => source.RuleFailures(view, now));

    /// <summary>The rules that failed (and counted as not held) while the escalation path port chose a ticket's ladders.</summary>
    private IReadOnlyList<TicketRuleFailed> EscalationRuleFailures(TicketView view, Instant now) =>
        _paths is ITicketRuleFailureSource source ? source.EscalationRuleFailures(view, now) : [];

    /// <summary>The rules that failed (and counted as not held) while the classifier judged a customer.</summary>
    private IReadOnlyList<CustomerRuleFailed> ClassificationRuleFailures(CustomerView view, Instant now) =>
        _classifier is ICustomerRuleFailureSource source ? source.ClassificationRuleFailures(view, now) : [];

    /// <summary>The suggester's top articles for a ticket about to be raised, or why it failed (never thrown: the raise goes on).</summary>
    private async Task<(IReadOnlyList<Knowledge.KnowledgeSuggestion> Articles, string? Failure)> SuggestAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        if (_suggester is null || _options.SuggestedArticles == 0)
        {
            return ([], null);
        }

        try
        {
            // A suggester that does not answer in time must not hold up the raise: it is reported like a failing one.
            var articles = await _suggester.SuggestAsync(request.Type, request.Description, _options.SuggestedArticles, cancellationToken)
                .WaitAsync(_options.SuggestionTimeout.ToTimeSpan(), cancellationToken).ConfigureAwait(false);
            return ([.. articles.Take(_options.SuggestedArticles)], null);
        }
        catch (TimeoutException)
        {
            return ([], $"TimeoutException: no answer within {_options.SuggestionTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Gives an agent the best ticket it may take from the queue (its groups, its skills, by priority and SLA term) and
    /// makes the agent the owner. Raises <see cref="TicketOwnerChanged"/>. First applies what other desks on the same store changed in
    /// the queue since this desk last looked (<see cref="IQueueRepository.ChangesAsync"/>: tickets they raised, moved or took), so several
    /// desks share one live queue. Removing the ticket's stored queue entry is the claim: a ticket whose entry is gone (another desk took
    /// it) leaves this desk's queue too, and the next one is tried.</summary>
    /// <param name="agent">A registered agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ticket taken (null when none fits) and the events.</returns>
    /// <exception cref="ArgumentException">The agent is not registered.</exception>
    public async Task<(TicketId? Id, DeskResult Result)> PullNextAsync(AgentId agent, CancellationToken cancellationToken = default)
    {
        var who = RequireAgent(agent);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            var work = _transactions.BeginAllOrNothing();
            return await InWorkAsync<(TicketId? Id, DeskResult Result)>(work, async () =>
            {
                await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
                QueuedTicket next;
                while (true)
                {
                    if (TakeNext(who, now) is not { } candidate)
                    {
                        return (null, new DeskResult([]));
                    }

                    // The stored queue row is the claim: when it is gone, another desk on the same store took the ticket, so this one forgets it.
                    if (await _queueStore.RemoveAsync(candidate.Id, cancellationToken).ConfigureAwait(false))
                    {
                        next = candidate;
                        break;
                    }

                    _queueUndo.RemoveLast();
                    who.ReleaseSlot();
                }

                var ticket = await LoadAsync(next.Id, cancellationToken).ConfigureAwait(false);
                var version = ticket.Version;
                ticket.Reassign(now, agent, agent.Value);
                var events = await SaveAsync(ticket, version, now, cancellationToken).ConfigureAwait(false);
                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                _queueUndo.Committed();
                return (next.Id, await PublishAsync(events, cancellationToken).ConfigureAwait(false));
            }).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Takes a ticket out of the queue for a named agent, or hands an owned ticket to another agent (transfer).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="agent">A registered agent.</param>
    /// <param name="by">Who assigns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (<see cref="TicketOwnerChanged"/>, or none when the agent already owns it).</returns>
    /// <exception cref="ArgumentException">The agent is not registered, or the ticket does not exist.</exception>
    /// <exception cref="TicketTransitionException">The ticket is finished.</exception>
    public Task<DeskResult> AssignAsync(TicketId id, AgentId agent, string by, CancellationToken cancellationToken = default)
    {
        var who = RequireAgent(agent);
        return RunAsync(id, async (ticket, now) =>
        {
            var previous = ticket.Owner;
            if (!ticket.Reassign(now, agent, by))
            {
                return;
            }

            await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
            if (RemoveQueued(id))
            {
                await _queueStore.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
            }
            else if (_agents.TryGetValue(previous, out var holder) && holder.ActiveCount > 0)
            {
                holder.ReleaseSlot();
                _queueUndo.Add(() => holder.TryReserveSlot());
            }

            if (who.TryReserveSlot())
            {
                _queueUndo.Add(who.ReleaseSlot);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a ticket that waits in the queue to another group: a manual transfer of a waiting ticket, or a hand-over to a temporary
    /// cross-department team for a complex ticket (document 004, level 2: its members join the team with <see cref="Agent.JoinTeam"/>).
    /// The ticket keeps its place in time (enqueue time, priority, required skills). Raises <see cref="TicketMovedToGroup"/> and, when no
    /// registered agent could take it there, <see cref="TicketUnassignable"/>.
    /// </summary>
    /// <param name="id">The waiting ticket.</param>
    /// <param name="group">The group it should wait in.</param>
    /// <param name="by">Who moves it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (none when it already waits in that group).</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> is the default instance or <paramref name="by"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The ticket does not wait in the queue.</exception>
    public async Task<DeskResult> MoveToGroupAsync(TicketId id, TeamId group, string by, CancellationToken cancellationToken = default)
    {
        if (group.IsEmpty)
        {
            throw new ArgumentException("The group must not be the default instance.", nameof(group));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var work = _transactions.BeginAllOrNothing();
            return await InWorkAsync<DeskResult>(work, async () =>
            {
                await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
                if (!_queue.TryGet(id, out var queued))
                {
                    throw new InvalidOperationException($"Ticket {id} does not wait in the queue, so it cannot move to group {group}.");
                }

                if (queued.Group == group)
                {
                    return new DeskResult([]);
                }

                var now = Now();
                var moved = new QueuedTicket(id, group, queued.StaticPriority, queued.Due, queued.RequiredSkills, queued.EnqueuedAt);
                UpdateQueued(moved);
                await _queueStore.UpdateAsync(QueueEntryState.From(moved), cancellationToken).ConfigureAwait(false);
                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                _queueUndo.Committed();
                List<IDomainEvent> events = [new TicketMovedToGroup(id, now, queued.Group, group, by)];
                if (WhyUnassignable(group, queued.RequiredSkills) is { } reason)
                {
                    events.Add(new TicketUnassignable(id, now, group, queued.RequiredSkills.ToString(), reason));
                }

                return await PublishAsync(events, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Starts work (Pending → InProgress). The ticket must be owned by an agent.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who starts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    /// <exception cref="TicketTransitionException">The move is not allowed now.</exception>
    /// <exception cref="InvalidOperationException">The ticket still waits in the queue.</exception>
    public Task<DeskResult> StartAsync(TicketId id, string by, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.Start(now, by), cancellationToken);

    /// <summary>Records a reply to the customer (the first one stops the first-response clock); starts work when still Pending.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who replies.</param>
    /// <param name="message">What was said.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    /// <exception cref="InvalidOperationException">The ticket still waits in the queue.</exception>
    public Task<DeskResult> RespondAsync(TicketId id, string by, string message, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) =>
        {
            if (t.Status == TicketStatus.Pending)
            {
                t.Start(now, by);
            }

            t.RespondToCustomer(now, by, message);
        }, cancellationToken);

    /// <summary>Asks the customer and waits (InProgress → WaitingForCustomer).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who asks.</param>
    /// <param name="question">The question.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> WaitForCustomerAsync(TicketId id, string by, string question, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.WaitForCustomer(now, by, question), cancellationToken);

    /// <summary>Resumes after the customer answered (WaitingForCustomer → InProgress).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who resumes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> ResumeAsync(TicketId id, string by, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.ResumeWork(now, by), cancellationToken);

    /// <summary>Resolves (InProgress → Resolved) and frees the owner's slot.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who resolves.</param>
    /// <param name="solution">The solution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> ResolveAsync(TicketId id, string by, string solution, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) =>
        {
            t.Resolve(now, by, solution);
            Release(t.Owner);
        }, cancellationToken);

    /// <summary>Puts a resolved ticket in line for its revisit call (Resolved → AwaitingRevisit); <see cref="AdvanceAsync"/> reminds
    /// after <see cref="DeskOptions.RevisitDelay"/>.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who schedules.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> ScheduleRevisitAsync(TicketId id, string by, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.ScheduleRevisit(now, by), cancellationToken);

    /// <summary>Records the revisit call and, when given, the customer's survey answer on the ticket (the only record of satisfaction).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who called.</param>
    /// <param name="outcome">What the customer said.</param>
    /// <param name="survey">The survey: CSAT, NPS, dimension scores, comment; or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> CompleteRevisitAsync(TicketId id, string by, string outcome, DeskSurvey? survey = null, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) =>
        {
            t.CompleteRevisit(now, by, outcome);
            if (survey is not null)
            {
                t.RecordSurvey(now, new SurveyResponse(t.Id, t.CustomerId, now, survey.Csat, survey.Nps, survey.Dimensions, survey.Comment), by);
            }
        }, cancellationToken);

    /// <summary>Records the customer's confirmation of the resolution.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> ConfirmResolutionAsync(TicketId id, string by, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.ConfirmResolution(now, by), cancellationToken);

    /// <summary>Reopens a resolved or closed ticket within the reopen window; the owner takes it back.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who reopens.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> ReopenAsync(TicketId id, string by, string reason, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) =>
        {
            t.Reopen(now, by, reason);
            if (_agents.TryGetValue(t.Owner, out var owner))
            {
                owner.TryReserveSlot();
            }
        }, cancellationToken);

    /// <summary>Closes a resolved ticket whose resolution was confirmed or revisited.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who closes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> CloseAsync(TicketId id, string by, CancellationToken cancellationToken = default) =>
        RunOwnedAsync(id, (t, now) => t.Close(now, by), cancellationToken);

    /// <summary>Ends a ticket that needs no work (Pending or InProgress → NoActionNeeded); takes it out of the queue if it waits there.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who decides.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> MarkNoActionNeededAsync(TicketId id, string by, string reason, CancellationToken cancellationToken = default) =>
        RunAsync(id, async (t, now) =>
        {
            t.MarkNoActionNeeded(now, by, reason);
            await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
            if (RemoveQueued(id))
            {
                await _queueStore.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Release(t.Owner);
            }
        }, cancellationToken);

    /// <summary>Adds an internal note.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="by">Who writes.</param>
    /// <param name="text">The note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    public Task<DeskResult> AddNoteAsync(TicketId id, string by, string text, CancellationToken cancellationToken = default) =>
        RunAsync(id, (t, now) =>
        {
            t.AddNote(now, by, text);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Links a ticket to the asset it is about, moves the link or removes it (see <see cref="Ticket.LinkAsset"/>); the failure
    /// analysis reads the link from the stored ticket (<see cref="Assets.TicketAssetLink.Of"/>).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="asset">The asset; null to remove the link.</param>
    /// <param name="by">Who links it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events (<see cref="TicketAssetLinked"/>; none when the link did not change).</returns>
    public Task<DeskResult> LinkAssetAsync(TicketId id, Assets.AssetId? asset, string by, CancellationToken cancellationToken = default) =>
        RunAsync(id, async (t, now) =>
        {
            var was = t.RelatedAssetId;
            if (t.LinkAsset(now, by, asset))
            {
                // The old and the new asset's models count the ticket differently now.
                ForgetModelCounts(t.RaisedAt, await ModelOfAsync(was, cancellationToken).ConfigureAwait(false));
                ForgetModelCounts(t.RaisedAt, await ModelOfAsync(asset?.Value, cancellationToken).ConfigureAwait(false));
            }
        }, cancellationToken);

    /// <summary>Reads a ticket's SLA clocks now (due and warning times, status), computed afresh from its status history.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The SLA state.</returns>
    /// <exception cref="ArgumentException">No such ticket.</exception>
    public async Task<SlaTicketState> GetSlaAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        var view = await ViewAsync(id, cancellationToken).ConfigureAwait(false);
        return _sla.Evaluate(view.ToSlaTicket(), Now());
    }

    /// <summary>Reads a ticket with its customer, as the one view every engine reads.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">No such ticket.</exception>
    public async Task<TicketView> ViewAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        var state = await _tickets.FindAsync(RequireTicketId(id), cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException($"There is no ticket {id}.", nameof(id));
        return await ViewOfAsync(state, await _customers.FindAsync(state.CustomerId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The view of a ticket with its customer and, when the ticket is about an asset on record, the asset's facts.</summary>
    private async ValueTask<TicketView> ViewOfAsync(TicketState state, CustomerState? customer, CancellationToken cancellationToken)
    {
        if (_assets is null || state.RelatedAssetId is not { } related
            || await _assets.FindAsync(new Assets.AssetId(related), cancellationToken).ConfigureAwait(false) is not { } asset)
        {
            return new TicketView(state, customer);
        }

        var facts = Assets.TicketAssetFacts.Of(Assets.Asset.Restore(asset), state.RaisedAt, _zone, _options.ModelsWithKnownIssues, await ModelCountsAsync(asset.Model, state.RaisedAt, cancellationToken).ConfigureAwait(false));
        return new TicketView(state, customer) { Asset = facts };
    }

    /// <summary>The model's installed assets (by the raise date) and tickets in the failure-rate window before the raise; null without a counter.</summary>
    private async ValueTask<Assets.ModelTicketCount?> ModelCountsAsync(string model, Instant raisedAt, CancellationToken cancellationToken)
    {
        if (_modelCounts is null)
        {
            return null;
        }

        if (_modelCountCache.TryGetValue((model, raisedAt), out var kept))
        {
            return kept;
        }

        var counted = await _modelCounts.CountAsync(model, raisedAt.InZone(_zone).Date, raisedAt - _options.FailureRateWindow, raisedAt, cancellationToken).ConfigureAwait(false);
        if (_modelCountCache.Count >= ModelCountsKept)
        {
            _modelCountCache.Clear();
        }

        _modelCountCache[(model, raisedAt)] = counted;
        return counted;
    }

    /// <summary>Forgets the kept counts of a model that a ticket raised at <paramref name="raisedAt"/> is part of: the raise instants R
    /// with raisedAt in [R - FailureRateWindow, R). Nothing for a null model (no asset, or one not on record).</summary>
    private void ForgetModelCounts(Instant raisedAt, string? model)
    {
        if (model is null)
        {
            return;
        }

        var until = raisedAt + _options.FailureRateWindow;
        foreach (var (key, _) in _modelCountCache)
        {
            if (key.RaisedAt > raisedAt && key.RaisedAt <= until && string.Equals(key.Model, model, StringComparison.Ordinal))
            {
                _modelCountCache.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The model of an asset on record; null for no asset, one not on record, or a desk without an asset store.</summary>
    private async ValueTask<string?> ModelOfAsync(string? asset, CancellationToken cancellationToken) =>
        _assets is null || asset is null ? null : (await _assets.FindAsync(new Assets.AssetId(asset), cancellationToken).ConfigureAwait(false))?.Model;

    /// <summary>The KPI input of a calendar month in the desk's time zone; see <see cref="KpiInputAsync(Instant, Instant, CancellationToken)"/>.</summary>
    /// <param name="month">The month.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input for <see cref="Metrics.KpiCalculator"/> and the monthly report.</returns>
    public Task<Metrics.KpiInput> KpiInputAsync(YearMonth month, CancellationToken cancellationToken = default) =>
        KpiInputAsync(
            month.OnDayOfMonth(1).AtStartOfDayInZone(_zone).ToInstant(),
            month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(_zone).ToInstant(),
            cancellationToken);

    /// <summary>
    /// The KPI input of a period, computed from what the desk recorded: a service record per ticket raised in it (by
    /// <see cref="Tickets.Ticket.RaisedAt"/>, as <see cref="Metrics.KpiCalculator"/> and the monthly report count tickets: a ticket logged
    /// late with an earlier <see cref="TicketRequest.RaisedAt"/> belongs to the period it was reported in, not the one it was logged in; through
    /// <see cref="DeskKpiProjection"/>, SLA states as of now) and the survey answers on those tickets. Customer lifecycles are not
    /// part of it (churn KPIs need the host's customer history).
    /// </summary>
    /// <param name="from">The start (inclusive).</param>
    /// <param name="before">The end (exclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input for <see cref="Metrics.KpiCalculator"/> and the monthly report.</returns>
    public async Task<Metrics.KpiInput> KpiInputAsync(Instant from, Instant before, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var records = new List<Metrics.ServiceRecord>();
        var surveys = new List<SurveyResponse>();
        await foreach (var state in _tickets.ListAsync(new TicketQuery { RaisedFrom = from, RaisedBefore = before }, cancellationToken).ConfigureAwait(false))
        {
            var view = new TicketView(state, await _customers.FindAsync(state.CustomerId, cancellationToken).ConfigureAwait(false));
            var team = _agents.TryGetValue(state.Owner, out var owner) ? owner.Team.Value : string.Empty;
            records.Add(DeskKpiProjection.ToServiceRecord(view, _sla.Evaluate(view.ToSlaTicket(), now), team, _options.QueueOwner));
            if (state.Survey is { } survey)
            {
                surveys.Add(survey);
            }
        }

        return new Metrics.KpiInput(records, surveys, []) { AsOf = now };
    }

    /// <summary>
    /// Moves the desk's time on, typically from a host timer: for every open ticket raises each SLA warning and breach once per clock
    /// cycle, each escalation level of the ladders its path allows once (<see cref="TicketEscalated"/>, in business time), a revisit
    /// reminder once per resolution (<see cref="RevisitDue"/>), moves tickets that waited too long to the overflow group
    /// (<see cref="TicketOverflowed"/>, when <see cref="DeskOptions.OverflowGroup"/> is set), and updates queued tickets' due times so the
    /// queue ranks by the current SLA, and adds what the plan port (<see cref="DeskEngines.Plans"/>: contact plan reminders when
    /// <c>AddCrmRelationships()</c> is registered) raises. Calling it twice for the same instant raises nothing the second time. It
    /// reads only the open tickets whose stored next due instant (<see cref="TicketDueTimes.NextAt"/>, written with every save) has
    /// come; after a change the desk does not see (a customer or policy changed elsewhere), call <see cref="RescheduleAsync"/>. A rule
    /// that fails at run time while the escalation path port chooses a ticket's ladders is reported as <see cref="TicketRuleFailed"/>
    /// (<see cref="ITicketRuleFailureSource.EscalationRuleFailures"/>), one in the day's churn assessment as <see cref="CustomerRuleFailed"/>;
    /// such a rule counts as not held and never fails the advance. Each such failure (ticket or customer, workflow, rule, position, text)
    /// is reported once by this desk, the first time an advance meets it, not at every due instant or every day: the desk remembers up to
    /// 10,000 reported failures in memory, so after a restart each is reported once more.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events raised.</returns>
    public async Task<DeskResult> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now();
            var events = new List<IDomainEvent>();
            var outbox = new List<(string AggregateId, IDomainEvent Event)>();
            // One transaction for the whole advance: its escalation marks, due times, queue updates, plan reminders and outbox rows commit
            // together, once, or not at all. All or nothing (no savepoint per store write): nothing in it catches a store's failure and goes
            // on, except the plan book's versioned saves that lost a race, which the stores detect without a failed statement (an UPDATE that
            // matched no row, then ConcurrencyConflictException), so they write nothing and leave the transaction usable (IPlanScheduler).
            var work = _transactions.BeginAllOrNothing();
            return await InWorkAsync<DeskResult>(work, async () =>
            {
                await SyncQueueAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var state in _tickets.ListAsync(new TicketQuery { OpenOnly = true, DueBy = now }, cancellationToken).ConfigureAwait(false))
                {
                    var customer = await _customers.FindAsync(state.CustomerId, cancellationToken).ConfigureAwait(false);
                    var view = await ViewOfAsync(state, customer, cancellationToken).ConfigureAwait(false);
                    var raised = events.Count;
                    var escalation = await AdvanceTicketAsync(view, now, events, cancellationToken).ConfigureAwait(false);
                    outbox.AddRange(events.Skip(raised).Select(e => (state.Id.Value, e)));
                    QueuedTicket? queued = _queue.TryGet(state.Id, out var entry) ? entry : null;
                    var due = DueTimes(view, escalation, queued, now);
                    if (due != state.Due)
                    {
                        await _tickets.RescheduleAsync(state.Id, state.Version, due, cancellationToken).ConfigureAwait(false);
                    }
                }

                var ticketEvents = events.Count;
                await AssessChurnOncePerDayAsync(now, events, cancellationToken).ConfigureAwait(false);
                events.AddRange(await _plans.AdvanceAsync(now, cancellationToken).ConfigureAwait(false));
                outbox.AddRange(events.Skip(ticketEvents).Select(e => (AggregateOf(e), e)));
                if (_tickets is Storage.IOutboxTicketRepository store)
                {
                    // In the advance's transaction, as a command's events go with its ticket save.
                    await store.AppendEventsAsync(outbox, cancellationToken).ConfigureAwait(false);
                }

                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                _queueUndo.Committed();
                _reportedFailures.Committed();

                return await PublishAsync(events, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            _reportedFailures.RolledBack();
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Rebuilds the in-memory waiting queue from the queue store (<see cref="IQueueRepository"/>): call it once at start-up when the
    /// stores persist (SQLite, PostgreSQL), before the first command, so that tickets queued before a restart can be pulled again
    /// and keep their group (an overflowed ticket stays in the overflow group), priority, skills, due time and enqueue instant.
    /// Entries already in the queue are left as they are. Later changes by other desks on the same store are applied at each command
    /// that reads the queue (see <see cref="PullNextAsync"/>), from the change number read here.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many tickets were added to the queue.</returns>
    public async Task<int> RestoreQueueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The change number first: a change made while the list is read is applied again at the next sync, which changes nothing.
            var last = await _queueStore.LastChangeAsync(cancellationToken).ConfigureAwait(false);
            var added = 0;
            await foreach (var entry in _queueStore.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_queue.TryEnqueue(entry.ToQueued()))
                {
                    added++;
                }
            }

            _queueSeen.Applied(last);
            return added;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>
    /// Recomputes the stored due times of open tickets (all of them, or one customer's) after a change the desk did not make and
    /// cannot see: a customer's tier or tags changed in the store directly, or an SLA policy, calendar, escalation ladder or rule set
    /// was replaced. <see cref="AdvanceAsync"/> reads only the tickets due by their stored <see cref="TicketDueTimes.NextAt"/>, so
    /// without this a ticket whose SLA became shorter would be looked at only after its next save. Reads every matching open ticket.
    /// The daily churn assessment likewise keeps what it reads from the desk's own saves, so this also makes it read the customer and
    /// its tickets (or, with no customer, every customer and ticket) from the stores again. A rule of the escalation path port that fails
    /// while the due times are computed is not reported on any result here, only logged by the rule set's provider (if any): the next
    /// advance that finds the ticket due reports it (once).
    /// </summary>
    /// <param name="customer">Only this customer's tickets, or null for every open ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many tickets got new due times.</returns>
    public async Task<int> RescheduleAsync(CustomerId? customer = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (customer is { } one)
            {
                _ledger.Invalidate(one);
            }
            else
            {
                _ledger.Drop();
            }

            var now = Now();
            var changed = 0;
            await foreach (var state in _tickets.ListAsync(new TicketQuery { OpenOnly = true, Customer = customer }, cancellationToken).ConfigureAwait(false))
            {
                var view = await ViewOfAsync(state, await _customers.FindAsync(state.CustomerId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                var escalation = await _escalations.FindAsync(state.Id, cancellationToken).ConfigureAwait(false);
                QueuedTicket? queued = _queue.TryGet(state.Id, out var entry) ? entry : null;
                var due = DueTimes(view, escalation, queued, now);
                if (due != state.Due && await _tickets.RescheduleAsync(state.Id, state.Version, due, cancellationToken).ConfigureAwait(false))
                {
                    changed++;
                }
            }

            return changed;
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    // Raises what is due for one ticket and returns its escalation state afterwards.
    private async Task<EscalationState?> AdvanceTicketAsync(TicketView view, Instant now, List<IDomainEvent> events, CancellationToken cancellationToken)
    {
        var ticket = view.Ticket;
        var slaTicket = view.ToSlaTicket();
        var sla = _sla.Evaluate(slaTicket, now);
        var stored = await _escalations.FindAsync(ticket.Id, cancellationToken).ConfigureAwait(false);
        var warnings = new List<SlaWarningMark>(stored?.Warnings ?? []);
        var marks = new List<EscalationMark>(stored?.Escalations ?? []);
        var reminders = new List<ReminderMark>(stored?.Reminders ?? []);
        var before = warnings.Count + marks.Count + reminders.Count;
        var cycle = ticket.ReopenCount;
        foreach (var metric in sla.Metrics.Where(m => m.IsOpen && m.DueAt is not null))
        {
            if (metric.WarningAt <= now && !warnings.Exists(w => w.Metric == metric.Metric && w.Cycle == cycle && !w.Breached))
            {
                warnings.Add(new SlaWarningMark(metric.Metric, cycle, false, now));
                events.Add(new SlaWarningRaised(ticket.Id, now, metric.Metric, metric.DueAt!.Value));
            }

            if (metric.Status == SlaClockStatus.Breached && !warnings.Exists(w => w.Metric == metric.Metric && w.Cycle == cycle && w.Breached))
            {
                warnings.Add(new SlaWarningMark(metric.Metric, cycle, true, now));
                events.Add(new SlaBreached(ticket.Id, now, metric.Metric, metric.DueAt!.Value));
            }
        }

        var allowed = _paths.Choose(view);
        events.AddRange(_reportedFailures.Unreported(EscalationRuleFailures(view, now)));
        var raised = EscalationTicketState.Empty;
        foreach (var mark in marks)
        {
            raised = raised.With(mark.Ladder, mark.Level);
        }

        foreach (var step in _escalation.Evaluate(slaTicket, sla, raised, now).Raised)
        {
            if ((allowed is null || allowed.Contains(step.Ladder)) && !marks.Exists(m => m.Ladder == step.Ladder && m.Level == step.Level))
            {
                marks.Add(new EscalationMark(step.Ladder, step.Level, now));
                events.Add(new TicketEscalated(ticket.Id, now, step.Ladder, step.Level, step.Target, step.Reason));
            }
        }

        if (ticket.Status == TicketStatus.AwaitingRevisit && ticket.ResolvedAt is { } resolved && now - resolved >= _options.RevisitDelay)
        {
            var key = resolved.ToString("g", CultureInfo.InvariantCulture);
            if (!reminders.Exists(r => r.Kind == "revisit" && r.Key == key))
            {
                reminders.Add(new ReminderMark("revisit", key, now));
                events.Add(new RevisitDue(ticket.Id, now, view.Customer?.AccountManager ?? ticket.Owner));
            }
        }

        if (warnings.Count + marks.Count + reminders.Count != before)
        {
            var version = stored?.Version ?? 0;
            stored = new EscalationState { TicketId = ticket.Id, Version = version + 1, Warnings = warnings, Escalations = marks, Reminders = reminders };
            await _escalations.SaveAsync(stored, version, cancellationToken).ConfigureAwait(false);
        }

        if (_queue.TryGet(ticket.Id, out var queued))
        {
            var due = NextDue(view, now);
            var group = queued.Group;
            if (_options.OverflowGroup is { } overflow && group != overflow && now - queued.EnqueuedAt >= _options.OverflowAfter)
            {
                group = overflow;
                events.Add(new TicketOverflowed(ticket.Id, now, queued.Group, overflow));
            }

            if (due != queued.Due || group != queued.Group)
            {
                var moved = new QueuedTicket(ticket.Id, group, queued.StaticPriority, due, queued.RequiredSkills, queued.EnqueuedAt);
                UpdateQueued(moved);
                await _queueStore.UpdateAsync(QueueEntryState.From(moved), cancellationToken).ConfigureAwait(false);
            }
        }

        return stored;
    }

    // Churn follow-ups (document 001): every customer is assessed at the first advance of each local day; entering the high band raises
    // ChurnFollowUpRaised once (the scorer's history keeps the band, so a restart the same day raises nothing again).
    private async Task AssessChurnOncePerDayAsync(Instant now, List<IDomainEvent> events, CancellationToken cancellationToken)
    {
        var today = now.InZone(_zone).Date;
        if (_churn is null || _churnAssessedOn == today)
        {
            return;
        }

        await AssessAllAsync(now, events, onlyUnreported: true, cancellationToken).ConfigureAwait(false);
        _churnAssessedOn = today;
    }

    // Reports the ChurnRisk rules that failed: every one (AssessChurnAsync, which the host asked for), or only those not reported yet
    // (onlyUnreported: the advance's daily assessment, which would otherwise report a broken rule for every customer every day).
    private async Task<List<Churn.ChurnAssessment>> AssessAllAsync(Instant now, List<IDomainEvent> events, bool onlyUnreported, CancellationToken cancellationToken)
    {
        var assessments = new List<Churn.ChurnAssessment>();
        foreach (var view in await ChurnViewsCoreAsync(now, cancellationToken).ConfigureAwait(false))
        {
            var customer = view.Customer;
            var assessment = _churn!.Evaluate(customer.Id, _churnFactors.Factors(view), now);
            assessments.Add(assessment);
            if (_churnFactors is ICustomerRuleFailureSource source)
            {
                var failures = source.ChurnRuleFailures(view, now);
                events.AddRange(onlyUnreported ? _reportedFailures.Unreported(failures) : failures);
            }

            if (assessment.EnteredHighBand)
            {
                events.Add(new ChurnFollowUpRaised(customer.Id, now, assessment, assessment.FollowUpDue!.Value, customer.AccountManager));
            }
        }

        return assessments;
    }

    /// <summary>The customer views the churn assessment reads now, from the churn ledger (for tests: compared with a full scan).</summary>
    internal async Task<IReadOnlyList<CustomerView>> ChurnViewsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ChurnViewsCoreAsync(Now(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    // Every customer's view from the churn ledger. The ledger is read in full from the stores once; afterwards the desk's own saves keep
    // it current and only customers marked stale are read again, so a day's assessment reads no ticket it did not change.
    private async Task<List<CustomerView>> ChurnViewsCoreAsync(Instant now, CancellationToken cancellationToken)
    {
        try
        {
            if (!_ledger.IsBuilt)
            {
                var customers = new List<CustomerState>();
                await foreach (var customer in _customers.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    customers.Add(customer);
                }

                _ledger.Build(customers);
                await foreach (var ticket in _tickets.ListAsync(TicketQuery.All, cancellationToken).ConfigureAwait(false))
                {
                    _ledger.Record(ticket);
                }
            }

            foreach (var id in _ledger.Stale.ToList())
            {
                var tickets = new List<TicketState>();
                await foreach (var ticket in _tickets.ListAsync(new TicketQuery { Customer = id }, cancellationToken).ConfigureAwait(false))
                {
                    tickets.Add(ticket);
                }

                _ledger.Refresh(id, await _customers.FindAsync(id, cancellationToken).ConfigureAwait(false), tickets);
            }
        }
        catch
        {
            _ledger.Drop(); // half read: start again at the next assessment
            throw;
        }

        return [.. _ledger.Entries.Select(e => SummaryViewOf(e.Customer, e.Tickets, now))];
    }

    private async Task SaveCustomerAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken)
    {
        await _customers.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
        _ledger.Record(state);
    }

    // A new customer's save: a stored customer of the same id is refused as such, not as someone else's change.
    private async Task InsertCustomerAsync(CustomerState state, CancellationToken cancellationToken)
    {
        try
        {
            await SaveCustomerAsync(state, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException e) when (e.ExpectedVersion == 0 && e.ActualVersion > 0)
        {
            throw new CustomerAlreadyRegisteredException(state.Id, e);
        }
    }

    private async Task<CustomerView> CustomerViewAsync(CustomerId id, Instant now, CancellationToken cancellationToken)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The customer id is empty (default(CustomerId)): it names no customer.", nameof(id));
        }

        var customer = await _customers.FindAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"Customer {id} is not registered with the desk.", nameof(id));
        return await CustomerViewAsync(customer, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CustomerView> CustomerViewAsync(CustomerState customer, Instant now, CancellationToken cancellationToken)
    {
        var tickets = new List<TicketState>();
        await foreach (var ticket in _tickets.ListAsync(new TicketQuery { Customer = customer.Id }, cancellationToken).ConfigureAwait(false))
        {
            tickets.Add(ticket);
        }

        return CustomerViewOf(customer, tickets, now);
    }

    private CustomerView CustomerViewOf(CustomerState customer, IEnumerable<TicketState> tickets, Instant now) =>
        SummaryViewOf(customer, tickets.Where(t => t.CustomerId == customer.Id).Select(TicketActivity.Of), now);

    private CustomerView SummaryViewOf(CustomerState customer, IEnumerable<TicketActivity> tickets, Instant now)
    {
        var background = _background.Find(customer, now);
        return new CustomerView(customer, CustomerActivity.FromSummaries(customer, tickets, background, now), background, now, _zone);
    }

    private static void Apply(Customer customer, CustomerLabels labels, Instant now)
    {
        if (labels.Tier is { } tier)
        {
            customer.AssignTier(now, tier, "classification");
        }

        foreach (var tag in customer.Tags.Except(labels.Tags, StringComparer.Ordinal).ToList())
        {
            customer.Untag(now, tag);
        }

        foreach (var tag in labels.Tags)
        {
            customer.Tag(now, tag);
        }
    }

    /// <summary>
    /// The ticket's due times at <paramref name="now"/>: its SLA due times, and the earliest instant at which <see cref="AdvanceAsync"/>
    /// may act on it (a warning or breach not yet raised in this cycle, the next escalation level of an allowed ladder, the revisit
    /// reminder, the overflow, or a queue re-rank). Never later than that instant, so reading only the tickets due loses nothing: an
    /// instant already reached is kept as it is, and a paused clock's projected instants only move later while it stays paused.
    /// </summary>
    private TicketDueTimes DueTimes(TicketView view, EscalationState? stored, QueuedTicket? queued, Instant now)
    {
        var ticket = view.Ticket;
        if (TicketLifecycle.IsFinished(ticket.Status))
        {
            return new TicketDueTimes();
        }

        var slaTicket = view.ToSlaTicket();
        var sla = _sla.Evaluate(slaTicket, now);
        var cycle = ticket.ReopenCount;
        var warnings = stored?.Warnings ?? [];
        Instant? next = null;
        void Consider(Instant? at)
        {
            if (at is { } value && (next is null || value < next))
            {
                next = value;
            }
        }

        var open = sla.Metrics.Where(m => m.IsOpen && m.DueAt is not null).ToList();
        foreach (var metric in open)
        {
            if (!warnings.Any(w => w.Metric == metric.Metric && w.Cycle == cycle && !w.Breached))
            {
                Consider(metric.WarningAt);
            }

            if (!warnings.Any(w => w.Metric == metric.Metric && w.Cycle == cycle && w.Breached))
            {
                Consider(metric.DueAt);
            }
        }

        var raised = EscalationTicketState.Empty;
        foreach (var mark in stored?.Escalations ?? [])
        {
            raised = raised.With(mark.Ladder, mark.Level);
        }

        var escalation = _escalation.Evaluate(slaTicket, sla, raised, now);
        Consider(escalation.NextCheckAt);
        if (!escalation.Raised.IsEmpty && (_paths.Choose(view) is not { } allowed || escalation.Raised.Any(s => allowed.Contains(s.Ladder))))
        {
            Consider(now);
        }

        if (ticket.Status == TicketStatus.AwaitingRevisit && ticket.ResolvedAt is { } resolved)
        {
            var key = resolved.ToString("g", CultureInfo.InvariantCulture);
            if (!(stored?.Reminders ?? []).Any(r => r.Kind == "revisit" && r.Key == key))
            {
                Consider(resolved + _options.RevisitDelay);
            }
        }

        if (queued is { } waiting)
        {
            if (_options.OverflowGroup is { } overflow && waiting.Group != overflow)
            {
                Consider(waiting.EnqueuedAt + _options.OverflowAfter);
            }

            // A paused clock's due time moves with now, so a queued ticket with one is re-ranked at every advance, as before.
            if (open.Select(m => m.DueAt).Min() != waiting.Due || open.Exists(m => m.Status == SlaClockStatus.Paused))
            {
                Consider(now);
            }
        }

        return new TicketDueTimes
        {
            NextAt = next,
            FirstResponseDueAt = DueOf(SlaMetric.FirstResponse),
            ResolutionDueAt = DueOf(SlaMetric.Resolution),
            RevisitDueAt = DueOf(SlaMetric.Revisit),
            Breached = open.Exists(m => m.Status == SlaClockStatus.Breached),
        };

        Instant? DueOf(SlaMetric metric) => open.Find(m => m.Metric == metric) is { DueAt: { } due } ? due : null;
    }

    // "Now" at the precision every store keeps (whole microseconds), so in-memory, SQLite and PostgreSQL stores hold the same instants.
    private Instant Now() => Storage.StoredPrecision.Truncate(_clock.GetCurrentInstant());

    private Instant? NextDue(TicketView view, Instant now) =>
        _sla.Evaluate(view.ToSlaTicket(), now).Metrics.Where(m => m.IsOpen && m.DueAt is not null).Select(m => m.DueAt).Min();

    private string? WhyUnassignable(TeamId group, SkillSet required)
    {
        var serving = _agents.Values.Where(a => a.Serves(group)).ToList();
        if (serving.Count == 0)
        {
            return $"no registered agent serves group {group}";
        }

        return serving.Exists(a => a.Skills.Covers(required)) ? null : $"no agent of group {group} has the skills {required}";
    }

    private SkillSet Normalise(SkillSet skills) =>
        SkillSet.Create(skills.Items.Select(s => new SkillLevel(Canonical(s.Skill), s.Level)));

    private Skill Canonical(Skill skill)
    {
        lock (_skillSpelling)
        {
            if (!_skillSpelling.TryGetValue(skill.Code, out var known))
            {
                _skillSpelling[skill.Code] = known = skill;
            }

            return known;
        }
    }

    // The outbox aggregate of an event that AdvanceAsync raises for no ticket: the customer of a churn follow-up, the plan entry of a reminder.
    private static string AggregateOf(IDomainEvent e) => e switch
    {
        ChurnFollowUpRaised churn => churn.Customer.Value,
        CustomerRuleFailed failed => failed.CustomerId.Value,
        Relationships.Events.ContactPlanEntryBecameDue due => due.Entry.Value,
        Relationships.Events.ContactPlanEntryWentOverdue overdue => overdue.Entry.Value,
        _ => e.GetType().Name,
    };

    // Applies to the in-memory queue what changed in the queue store since the last change this desk saw (IQueueRepository.ChangesAsync):
    // tickets another desk on the same store queued, moved, re-ranked or took. This desk's own writes are not read back when the store held
    // the other writers off from this desk's sync to its commit (QueueWatermark); otherwise they are, and change nothing.
    // Called at the start of each command that reads the queue, inside its transaction. Not undone when the command fails: it mirrors what
    // was committed.
    private async Task SyncQueueAsync(CancellationToken cancellationToken)
    {
        // A host transaction that commands of this desk joined rolled back: undo their queue moves and read again what came after.
        if (_queueUndo.UndoRolledBack() is { } rolledBackFrom)
        {
            _queueSeen.Reset(rolledBackFrom);
        }

        try
        {
            await ApplyQueueChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (QueueChangesPrunedException)
        {
            await RebuildQueueAsync(cancellationToken).ConfigureAwait(false);
        }

        _queueSeen.Synced(_queueStore.ChangesLockedUntilCommit);
    }

    // The store pruned changes this desk had not seen (it fell behind by more than the store keeps): make the in-memory queue equal to the
    // stored one instead. In the command's transaction, whose lock the failed read took, so the last number and the list agree.
    private async Task RebuildQueueAsync(CancellationToken cancellationToken)
    {
        var last = await _queueStore.LastChangeAsync(cancellationToken).ConfigureAwait(false);
        var stored = new Dictionary<TicketId, QueuedTicket>();
        await foreach (var entry in _queueStore.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[entry.TicketId] = entry.ToQueued();
        }

        foreach (var known in _queue.Snapshot())
        {
            if (!stored.ContainsKey(known.Id))
            {
                ApplyQueueChange(known.Id, null);
            }
        }

        foreach (var ticket in stored.Values)
        {
            ApplyQueueChange(ticket.Id, ticket);
        }

        _queueSeen.Applied(last);
    }

    private async Task ApplyQueueChangesAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in _queueStore.ChangesAsync(_queueSeen.Seen, cancellationToken).ConfigureAwait(false))
        {
            ApplyQueueChange(change.TicketId, change.Entry?.ToQueued());
            _queueSeen.Applied(change.Number);
        }
    }

    // Makes the in-memory entry of a ticket what the store holds (null: not queued); the undo is kept while the command joined a host's
    // transaction, which may roll back what was read.
    private void ApplyQueueChange(TicketId id, QueuedTicket? stored)
    {
        var wasQueued = _queue.TryGet(id, out var known);
        if (stored is not { } entry)
        {
            if (wasQueued && _queue.Remove(id))
            {
                _queueUndo.Synced(() => _queue.TryEnqueue(known));
            }
        }
        else if (!wasQueued)
        {
            if (_queue.TryEnqueue(entry))
            {
                _queueUndo.Synced(() => _queue.Remove(id));
            }
        }
        else if (entry != known && _queue.Update(entry))
        {
            _queueUndo.Synced(() => _queue.Update(known));
        }
    }

    // The in-memory queue moves of a command, each logged in _queueUndo until the command commits.
    private QueuedTicket? TakeNext(Agent who, Instant now)
    {
        if (_queue.NextFor(who, now) is not { } next)
        {
            return null;
        }

        _queueUndo.Add(() =>
        {
            _queue.TryEnqueue(next);
            who.ReleaseSlot();
        });
        return next;
    }

    private bool RemoveQueued(TicketId id)
    {
        if (!_queue.TryGet(id, out var queued) || !_queue.Remove(id))
        {
            return false;
        }

        _queueUndo.Add(() => _queue.TryEnqueue(queued));
        return true;
    }

    private void UpdateQueued(QueuedTicket ticket)
    {
        if (_queue.TryGet(ticket.Id, out var before) && _queue.Update(ticket))
        {
            _queueUndo.Add(() => _queue.Update(before));
        }
    }

    // After a failed command (the gate still held): puts the queue back as the store has it.
    private void RollBackQueue()
    {
        _queueUndo.RollBack();
    }

    private Agent RequireAgent(AgentId agent) =>
        agent.IsEmpty ? throw new ArgumentException("The agent id is empty (default(AgentId)): it names no agent.", nameof(agent))
        : _agents.TryGetValue(agent, out var found)
            ? found
            : throw new ArgumentException(
                $"Agent {agent} is not registered with the desk. Register it with RegisterAgentAsync, which stores it, and call RestoreAgentsAsync "
                + "at start-up to bring back the agents stored before a restart (RegisterAgent keeps an agent in this desk's memory only).",
                nameof(agent));

    private static TicketId RequireTicketId(TicketId id) =>
        id.IsEmpty ? throw new ArgumentException("The ticket id is empty (default(TicketId)): it names no ticket.", nameof(id)) : id;

    private void Release(AgentId owner)
    {
        if (_agents.TryGetValue(owner, out var agent) && agent.ActiveCount > 0)
        {
            agent.ReleaseSlot();
        }
    }

    private async Task<TicketId> NextIdAsync(Instant now, CancellationToken cancellationToken)
    {
        var date = now.InZone(_zone).Date;
        var period = _idPattern.PeriodOf(date);
        var sequence = await _sequences.NextAsync("ticket", period, cancellationToken).ConfigureAwait(false);
        if (sequence > _idPattern.MaxSequence)
        {
            throw new IdSequenceExhaustedException(_idPattern.Text, period, _idPattern.MaxSequence);
        }

        return new TicketId(_idPattern.Format(date, sequence));
    }

    private async Task<Ticket> LoadAsync(TicketId id, CancellationToken cancellationToken)
    {
        var state = await _tickets.FindAsync(RequireTicketId(id), cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException($"There is no ticket {id}.", nameof(id));
        return Ticket.Restore(state, _ticketOptions);
    }

    // Saves a changed ticket with its due times (computed after the command's queue changes); returns its events to publish.
    private async Task<IReadOnlyList<IDomainEvent>> SaveAsync(Ticket ticket, long expectedVersion, Instant now, CancellationToken cancellationToken)
    {
        IReadOnlyList<IDomainEvent> events = [.. ticket.DomainEvents];
        if (ticket.Version != expectedVersion && TicketLifecycle.IsFinished(ticket.Status))
        {
            // A finished ticket has no due times (DueTimes' first rule): nothing else to read.
            await WriteAsync(ticket.ToState() with { Due = new TicketDueTimes() }, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        }
        else if (ticket.Version != expectedVersion)
        {
            var state = ticket.ToState();
            var customer = await _customers.FindAsync(state.CustomerId, cancellationToken).ConfigureAwait(false);
            var escalation = await _escalations.FindAsync(state.Id, cancellationToken).ConfigureAwait(false);
            QueuedTicket? queued = _queue.TryGet(state.Id, out var entry) ? entry : null;
            var due = DueTimes(await ViewOfAsync(state, customer, cancellationToken).ConfigureAwait(false), escalation, queued, now);
            await WriteAsync(state with { Due = due }, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        }

        return events;
    }

    // Writes a ticket, with its events in the same transaction when the store has an outbox.
    private async Task WriteAsync(TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (_tickets is Storage.IOutboxTicketRepository outbox)
        {
            await outbox.SaveAsync(state, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _tickets.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
        }

        _ledger.Record(state);
    }

    /// <summary>
    /// Runs a command's work in its store transaction and disposes the transaction once: on success after the work (which committed it,
    /// or returned without a write); on a failure with <see cref="StoreTransactionFailures.DisposeAfterAsync"/>, so a clean-up failure
    /// of the roll-back goes with the command's failure, never instead of it.
    /// </summary>
    private static async Task<T> InWorkAsync<T>(IStoreTransaction work, Func<Task<T>> body)
    {
        T result;
        try
        {
            result = await body().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await work.DisposeAfterAsync(failure).ConfigureAwait(false);
            throw;
        }

        await work.DisposeAsync().ConfigureAwait(false);
        return result;
    }

    private Task<DeskResult> RunOwnedAsync(TicketId id, Action<Ticket, Instant> act, CancellationToken cancellationToken) =>
        RunAsync(id, (t, now) =>
        {
            if (t.Owner == _options.QueueOwner && !TicketLifecycle.IsFinished(t.Status))
            {
                throw new InvalidOperationException($"Ticket {id} still waits in the queue: assign it to an agent first.");
            }

            act(t, now);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<DeskResult> RunAsync(TicketId id, Func<Ticket, Instant, Task> act, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One transaction per command (load, customer, escalation state, queue, save), committed before the events go out.
            var work = _transactions.BeginAllOrNothing();
            return await InWorkAsync<DeskResult>(work, async () =>
            {
                var ticket = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
                var version = ticket.Version;
                var now = Now();
                await act(ticket, now).ConfigureAwait(false);
                var events = await SaveAsync(ticket, version, now, cancellationToken).ConfigureAwait(false);
                await work.CommitAsync(cancellationToken).ConfigureAwait(false);
                _queueUndo.Committed();
                return await PublishAsync(events, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            RollBackQueue();
            _gate.Release();
        }
    }

    /// <summary>Hands the events to the subscribers (the caller holds the gate): now, or, when the command ran inside a host's transaction
    /// (its writes are not committed yet), once that transaction commits (never when it rolls back, nor when the part of it the command
    /// ran in is rolled back to its savepoint), then under the gate again, so that subscribers are never called concurrently.</summary>
    private async Task<DeskResult> PublishAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count > 0 && _subscribers.Count > 0)
        {
            if (!await OpenTransaction.RegisterAsync(_storeTransactions, joined => joined.WhenCommitted(_ => DeliverUnderGateAsync(events))).ConfigureAwait(false))
            {
                await DeliverAsync(events, cancellationToken).ConfigureAwait(false);
            }
        }

        return new DeskResult(events);
    }

    // A host's commit delivers the events of its joined commands: after the data is committed (so with no cancellation), and under the
    // gate, as a command does. The host's connection is given back by then, so a command waiting for the database does not block this.
    private async ValueTask DeliverUnderGateAsync(IReadOnlyList<IDomainEvent> events)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await DeliverAsync(events, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask DeliverAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers)
        {
            await subscriber.OnEventsAsync(events, cancellationToken).ConfigureAwait(false);
        }
    }
}
