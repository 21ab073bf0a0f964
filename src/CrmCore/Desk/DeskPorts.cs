namespace CrmCore.Desk;

/// <summary>The rule ports a <see cref="ServiceDesk"/> asks. <c>AddCrmCore()</c> registers plain-C# defaults; <c>AddCrmRules()</c> replaces
/// them with the rule pack's workflows; a host may register its own implementation of any port before either.</summary>
/// <param name="Priority">Scores a ticket's priority.</param>
/// <param name="Routing">Routes a ticket to a group with required skills.</param>
/// <param name="EscalationPath">Chooses the escalation ladders that apply.</param>
public sealed record DeskPorts(IPriorityScorer Priority, IRoutingPolicy Routing, IEscalationPathChooser EscalationPath)
{
    /// <summary>The plain-C# defaults: priority by urgency, one group <c>L1</c>, every ladder, recorded tiers and tags, document 001's
    /// churn factors, no customer background.</summary>
    public static DeskPorts Defaults { get; } = new(new UrgencyPriorityScorer(), new SingleGroupRouting(), new AllLaddersPath());

    /// <summary>Classifies customers (tier, tags); default <see cref="RecordedClassification"/>.</summary>
    public ICustomerClassifier Classifier { get; init; } = new RecordedClassification();

    /// <summary>Gives a customer's churn-risk factors; default <see cref="Document001ChurnFactors"/>.</summary>
    public IChurnFactorSource ChurnFactors { get; init; } = new Document001ChurnFactors();

    /// <summary>What the host knows about customers beyond the desk's records; default <see cref="NoCustomerBackground"/>.</summary>
    public ICustomerBackgroundSource Background { get; init; } = new NoCustomerBackground();

    /// <summary>Suggests knowledge articles for each raised ticket (<see cref="ArticlesSuggested"/>); null (the default) suggests nothing.
    /// <c>AddCrmCore()</c> sets the registered <see cref="Knowledge.IArticleSuggester"/> (<c>AddCrmKnowledge()</c> registers one).</summary>
    public Knowledge.IArticleSuggester? Suggester { get; init; }
}
