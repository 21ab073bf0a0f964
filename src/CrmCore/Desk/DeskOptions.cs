using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Policies of the <see cref="ServiceDesk"/>. Set through <c>AddCrmCore(o =&gt; o.Desk...)</c> or the constructor.</summary>
public sealed class DeskOptions
{
    /// <summary>The placeholder owner of a ticket while it waits in the queue (a ticket always has exactly one owner). Default <c>queue</c>.
    /// No agent may use this id.</summary>
    public AgentId QueueOwner { get; set; } = new("queue");

    /// <summary>The name the desk records as "by" for what it does on its own (opening, escalating). Default <c>desk</c>.</summary>
    public string SystemActor { get; set; } = "desk";

    /// <summary>How long after a resolution a ticket awaiting its revisit raises <see cref="RevisitDue"/>. Default 1 day; must be positive.</summary>
    public Duration RevisitDelay { get; set; } = Duration.FromDays(1);

    /// <summary>
    /// The group a queued ticket moves to once it has waited <see cref="OverflowAfter"/> (wall-clock time since it was queued) without
    /// an agent of its own group taking it; checked by <see cref="ServiceDesk.AdvanceAsync"/>, which raises <see cref="TicketOverflowed"/>.
    /// Default null: tickets never leave their group.
    /// </summary>
    public TeamId? OverflowGroup { get; set; }

    /// <summary>How long a ticket waits in its own group before it overflows to <see cref="OverflowGroup"/>. Default 2 hours; must be positive.</summary>
    public Duration OverflowAfter { get; set; } = Duration.FromHours(2);

    /// <summary>Asset models with a known issue (document 000: "a model with a known issue"), compared ignoring case: a ticket about an
    /// asset of such a model has <see cref="Assets.TicketAssetFacts.ModelHasKnownIssue"/> set, which rules read as
    /// <c>ticket.AssetModelHasKnownIssue</c>. Default none.</summary>
    public HashSet<string> ModelsWithKnownIssues { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far back the model failure rate counts tickets (<see cref="Assets.TicketAssetFacts.ModelFailureRate"/>, which rules read as
    /// <c>ticket.AssetModelFailureRate</c>): tickets about the model's assets raised in this window before the ticket. Default 90 days;
    /// must be positive.</summary>
    public Duration FailureRateWindow { get; set; } = Duration.FromDays(90);

    /// <summary>How many knowledge articles the desk suggests with each raised ticket (<see cref="ArticlesSuggested"/>), when it has an
    /// <see cref="Knowledge.IArticleSuggester"/>. Default 3; range 0–20 (0 turns suggestions off).</summary>
    public int SuggestedArticles { get; set; } = 3;

    /// <summary>How long a raise waits for the <see cref="Knowledge.IArticleSuggester"/>: a suggester that has not answered by then is
    /// reported on the result (<see cref="ArticleSuggestionFailed"/>) and the ticket is raised without suggestions. Default 2 seconds;
    /// from 1 millisecond to 1 minute.</summary>
    public Duration SuggestionTimeout { get; set; } = Duration.FromSeconds(2);
}
