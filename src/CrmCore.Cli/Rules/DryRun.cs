using CrmCore.Cli.Input;
using CrmCore.Rules;
using CrmCore.Rules.Explain;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Cli.Rules;

/// <summary>One customer with what the rules made of it.</summary>
internal sealed record CustomerOutcome(SourceRow<CustomerRow> Source, CustomerEvaluation Evaluation, IReadOnlyList<string> EffectiveTags)
{
    public CustomerRow Row => Source.Row;
}

/// <summary>One ticket with what the rules made of it.</summary>
internal sealed record TicketOutcome(SourceRow<TicketRow> Source, TicketEvaluation Evaluation, string Band)
{
    public TicketRow Row => Source.Row;
}

/// <summary>
/// A failure of the rules on one item: a rule that failed at run time (<paramref name="Rule"/>, told in the user's language), or
/// another error (<paramref name="Message"/>).
/// </summary>
internal sealed record EvaluationFailure(string Path, int Line, string Id, string Message, RuleFailure? Rule = null)
{
    /// <summary>The failure in a culture: the rule failure's plain description, or the message.</summary>
    public string In(System.Globalization.CultureInfo culture) => Rule?.Describe(culture) ?? Message;
}

/// <summary>The outcome of running a rule set over customers and tickets.</summary>
internal sealed record DryRunResult(IReadOnlyList<CustomerOutcome> Customers, IReadOnlyList<TicketOutcome> Tickets, IReadOnlyList<EvaluationFailure> Failures);

/// <summary>Runs a rule set over rows read from files: customers first, then tickets with their customer's new tier and tags.</summary>
internal sealed class DryRun(RuleSet rules, Instant now, DateTimeZone zone, PriorityBands bands)
{
    /// <summary>Gets the rule set.</summary>
    public RuleSet Rules => rules;

    /// <summary>Evaluates all rows; an item whose evaluation throws is reported, not skipped silently.</summary>
    public DryRunResult Run(
        string customersPath,
        IReadOnlyList<SourceRow<CustomerRow>> customers,
        string? ticketsPath,
        IReadOnlyList<SourceRow<TicketRow>> tickets,
        Action<int>? progress = null)
    {
        var failures = new List<EvaluationFailure>();
        var outcomes = new List<CustomerOutcome>(customers.Count);
        foreach (var source in customers)
        {
            try
            {
                var outcome = Evaluate(source);
                outcomes.Add(outcome);
                failures.AddRange(RuleFailures(customersPath, source.Line, source.Row.Id, outcome.Evaluation.Failures));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add(new EvaluationFailure(customersPath, source.Line, source.Row.Id, ex.Message));
            }

            progress?.Invoke(1);
        }

        var byId = new Dictionary<string, CustomerOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            byId.TryAdd(outcome.Row.Id, outcome);
        }

        var ticketOutcomes = new List<TicketOutcome>(tickets.Count);
        foreach (var source in tickets)
        {
            byId.TryGetValue(source.Row.CustomerId, out var customer);
            try
            {
                var evaluation = rules.EvaluateTicket(TicketFacts(source.Row, customer));
                ticketOutcomes.Add(new TicketOutcome(source, evaluation, bands.BandOf(evaluation.PriorityPoints)));
                failures.AddRange(RuleFailures(ticketsPath ?? string.Empty, source.Line, source.Row.Id, evaluation.Failures));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add(new EvaluationFailure(ticketsPath ?? string.Empty, source.Line, source.Row.Id, ex.Message));
            }
        }

        return new DryRunResult(outcomes, ticketOutcomes, failures);
    }

    /// <summary>
    /// The rules that failed on one item (a division by zero, an overflow, a method that threw): each becomes a failure that
    /// names the item, the rule file's position, the rule and the cause, so a wrong tier or missing points never pass silently.
    /// </summary>
    public static IEnumerable<EvaluationFailure> RuleFailures(string path, int line, string id, IReadOnlyList<RuleFailure> failures)
        => failures.Select(f => new EvaluationFailure(path, line, id, f.Describe(System.Globalization.CultureInfo.InvariantCulture), f));

    /// <summary>Explains one customer clause by clause.</summary>
    public RuleExplanation ExplainCustomer(CustomerRow row) => rules.ExplainCustomer(CustomerFacts.From(FactsMapper.Customer(row), now, zone));

    /// <summary>Explains one ticket clause by clause; its customer's evaluated tier and tags are used when known.</summary>
    public RuleExplanation ExplainTicket(TicketRow row, CustomerOutcome? owner) => rules.ExplainTicket(TicketFacts(row, owner));

    /// <summary>Evaluates one customer.</summary>
    public CustomerOutcome Evaluate(SourceRow<CustomerRow> source)
    {
        var facts = CustomerFacts.From(FactsMapper.Customer(source.Row), now, zone);
        var evaluation = rules.EvaluateCustomer(facts);
        return new CustomerOutcome(source, evaluation, EffectiveTags(source.Row.Tags, evaluation.Tags));
    }

    private TicketFacts TicketFacts(TicketRow row, CustomerOutcome? owner) =>
        TicketRowView.ToFacts(row, owner?.Row, owner?.Evaluation.Tier, owner?.EffectiveTags ?? [], now);

    /// <summary>
    /// The tags a customer ends up with: its existing tags minus those the rules manage, plus those the rules give now.
    /// Applying this twice gives the same tags.
    /// </summary>
    public IReadOnlyList<string> EffectiveTags(IReadOnlyList<string> existing, IReadOnlyList<string> derived)
    {
        var managed = new HashSet<string>(rules.Tags.Names, StringComparer.Ordinal);
        return existing.Where(t => !managed.Contains(t)).Concat(derived).Distinct(StringComparer.Ordinal).ToArray();
    }
}
