using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Rules;

namespace CrmCore.Cli.Rules;

/// <summary>Compares two dry runs over the same rows (old rules, new rules).</summary>
internal sealed class RuleSetDiff
{
    private const string Nothing = "-";

    /// <summary>How many items had a value before and after.</summary>
    internal sealed record Count(string Value, int Old, int New);

    /// <summary>How many customers hold a tag before and after, and how many gained or lost it.</summary>
    internal sealed record TagCount(string Tag, int Old, int New, int Gained, int Lost);

    /// <summary>How many items moved from one value to another in a dimension (tier, band, route; its name in both languages).</summary>
    internal sealed record Move(Msg Dimension, string From, string To, int Count);

    /// <summary>One changed item: what changed and the rules behind it.</summary>
    internal sealed record Change(string Id, string Name, IReadOnlyList<Detail> Changes, IReadOnlyList<Detail> Reasons);

    public int CustomerCount { get; private init; }

    public int TicketCount { get; private init; }

    public int ChangedCustomers { get; private init; }

    public int ChangedTickets { get; private init; }

    public IReadOnlyList<Count> Tiers { get; private init; } = [];

    public IReadOnlyList<TagCount> Tags { get; private init; } = [];

    public IReadOnlyList<Count> Bands { get; private init; } = [];

    public IReadOnlyList<Count> Routes { get; private init; } = [];

    public IReadOnlyList<Move> Moves { get; private init; } = [];

    public IReadOnlyList<Change> Changes { get; private init; } = [];

    /// <summary>Compares two runs; items are paired by their row (both runs read the same files).</summary>
    public static RuleSetDiff Compare(DryRunResult before, DryRunResult after)
    {
        var oldCustomers = before.Customers.ToDictionary(c => c.Source, c => c, (IEqualityComparer<SourceRow<CustomerRow>>)ReferenceEqualityComparer.Instance);
        var oldTickets = before.Tickets.ToDictionary(t => t.Source, t => t, (IEqualityComparer<SourceRow<TicketRow>>)ReferenceEqualityComparer.Instance);
        var customerPairs = after.Customers.Where(c => oldCustomers.ContainsKey(c.Source)).Select(c => (Old: oldCustomers[c.Source], New: c)).ToList();
        var ticketPairs = after.Tickets.Where(t => oldTickets.ContainsKey(t.Source)).Select(t => (Old: oldTickets[t.Source], New: t)).ToList();

        var changes = new List<Change>();
        var changedCustomers = 0;
        foreach (var (o, n) in customerPairs)
        {
            var what = new List<Detail>();
            var why = new List<Detail>();
            if (o.Evaluation.Tier != n.Evaluation.Tier)
            {
                what.Add(new Detail(Messages.ChangeTier, o.Evaluation.Tier ?? Nothing, n.Evaluation.Tier ?? Nothing));
                Reasons(why, o.Evaluation.FiredRules, n.Evaluation.FiredRules, WorkflowKind.Tiering);
            }

            var added = n.Evaluation.Tags.Except(o.Evaluation.Tags, StringComparer.Ordinal).ToList();
            var removed = o.Evaluation.Tags.Except(n.Evaluation.Tags, StringComparer.Ordinal).ToList();
            what.AddRange(added.Select(t => new Detail(Messages.ChangeTagAdded, t)));
            what.AddRange(removed.Select(t => new Detail(Messages.ChangeTagRemoved, t)));
            if (added.Count + removed.Count > 0)
            {
                why.AddRange(n.Evaluation.FiredRules.Where(f => f.Kind == WorkflowKind.Tagging && added.Contains(f.SuccessEvent ?? string.Empty)).Select(f => new Detail(Messages.BecauseNew, Name(f))));
                why.AddRange(o.Evaluation.FiredRules.Where(f => f.Kind == WorkflowKind.Tagging && removed.Contains(f.SuccessEvent ?? string.Empty)).Select(f => new Detail(Messages.BecauseOld, Name(f))));
            }

            if (what.Count > 0)
            {
                changedCustomers++;
                changes.Add(new Change(n.Row.Id, n.Row.Name, what, why));
            }
        }

        var changedTickets = 0;
        foreach (var (o, n) in ticketPairs)
        {
            var what = new List<Detail>();
            var why = new List<Detail>();
            if (o.Band != n.Band)
            {
                what.Add(new Detail(Messages.ChangeBand, o.Band, n.Band));
                var oldPoints = o.Evaluation.PriorityReasons.Select(Scored).ToList();
                var newPoints = n.Evaluation.PriorityReasons.Select(Scored).ToList();
                why.AddRange(newPoints.Except(oldPoints).Select(r => new Detail(Messages.BecauseNew, r)));
                why.AddRange(oldPoints.Except(newPoints).Select(r => new Detail(Messages.BecauseOld, r)));
            }

            if (o.Evaluation.RoutingTarget != n.Evaluation.RoutingTarget)
            {
                what.Add(new Detail(Messages.ChangeRoute, o.Evaluation.RoutingTarget ?? Nothing, n.Evaluation.RoutingTarget ?? Nothing));
                Reasons(why, o.Evaluation.FiredRules, n.Evaluation.FiredRules, WorkflowKind.Routing);
            }

            if (what.Count > 0)
            {
                changedTickets++;
                changes.Add(new Change(n.Row.Id, n.Row.CustomerId, what, why));
            }
        }

        var tagNames = customerPairs.SelectMany(p => p.Old.Evaluation.Tags.Concat(p.New.Evaluation.Tags)).Distinct(StringComparer.Ordinal).ToList();
        return new RuleSetDiff
        {
            CustomerCount = customerPairs.Count,
            TicketCount = ticketPairs.Count,
            ChangedCustomers = changedCustomers,
            ChangedTickets = changedTickets,
            Tiers = Counts(customerPairs.Select(p => (p.Old.Evaluation.Tier ?? Nothing, p.New.Evaluation.Tier ?? Nothing))),
            Tags = tagNames.Select(tag => new TagCount(
                tag,
                customerPairs.Count(p => p.Old.Evaluation.Tags.Contains(tag)),
                customerPairs.Count(p => p.New.Evaluation.Tags.Contains(tag)),
                customerPairs.Count(p => !p.Old.Evaluation.Tags.Contains(tag) && p.New.Evaluation.Tags.Contains(tag)),
                customerPairs.Count(p => p.Old.Evaluation.Tags.Contains(tag) && !p.New.Evaluation.Tags.Contains(tag)))).ToList(),
            Bands = Counts(ticketPairs.Select(p => (p.Old.Band, p.New.Band))),
            Routes = Counts(ticketPairs.Select(p => (p.Old.Evaluation.RoutingTarget ?? Nothing, p.New.Evaluation.RoutingTarget ?? Nothing))),
            Moves = MovesIn(Messages.DimensionTier, customerPairs.Select(p => (p.Old.Evaluation.Tier ?? Nothing, p.New.Evaluation.Tier ?? Nothing)))
                .Concat(MovesIn(Messages.DimensionBand, ticketPairs.Select(p => (p.Old.Band, p.New.Band))))
                .Concat(MovesIn(Messages.DimensionRoute, ticketPairs.Select(p => (p.Old.Evaluation.RoutingTarget ?? Nothing, p.New.Evaluation.RoutingTarget ?? Nothing))))
                .ToList(),
            Changes = changes,
        };
    }

    private static void Reasons(List<Detail> why, IReadOnlyList<FiredRule> before, IReadOnlyList<FiredRule> after, WorkflowKind kind)
    {
        var oldRules = before.Where(f => f.Kind == kind).Select(Name).ToList();
        var newRules = after.Where(f => f.Kind == kind).Select(Name).ToList();
        why.AddRange(newRules.Except(oldRules).Select(r => new Detail(Messages.BecauseNew, r)));
        why.AddRange(oldRules.Except(newRules).Select(r => new Detail(Messages.BecauseOld, r)));
    }

    private static string Scored(ScoredReason r) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Workflow}/{r.Rule} ({r.Reason}) {(r.Points >= 0 ? "+" : string.Empty)}{r.Points}");

    private static string Name(FiredRule f) => f.SuccessEvent is null ? $"{f.Workflow}/{f.Rule}" : $"{f.Workflow}/{f.Rule} ({f.SuccessEvent})";

    private static List<Count> Counts(IEnumerable<(string Old, string New)> pairs)
    {
        var list = pairs.ToList();
        return list.SelectMany(p => new[] { p.Old, p.New })
            .Distinct(StringComparer.Ordinal)
            .Select(v => new Count(v, list.Count(p => p.Old == v), list.Count(p => p.New == v)))
            .OrderByDescending(c => Math.Max(c.Old, c.New))
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<Move> MovesIn(Msg dimension, IEnumerable<(string Old, string New)> pairs) =>
        pairs.Where(p => p.Old != p.New)
            .GroupBy(p => p)
            .Select(g => new Move(dimension, g.Key.Old, g.Key.New, g.Count()))
            .OrderByDescending(m => m.Count)
            .ThenBy(m => m.From, StringComparer.Ordinal)
            .ThenBy(m => m.To, StringComparer.Ordinal);
}
