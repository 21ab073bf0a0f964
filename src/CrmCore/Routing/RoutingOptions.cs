using NodaTime;

namespace CrmCore.Routing;

/// <summary>Settings for routing; bound through <c>services.AddCrmRouting(...)</c> and validated on start.</summary>
public sealed class RoutingOptions
{
    /// <summary>The shape of the SLA term of the priority. Defaults as in <see cref="SlaTermOptions"/>.</summary>
    public SlaTermOptions SlaTerm { get; } = new();

    /// <summary>The assignment strategy's registered name. Default <c>least-loaded</c>; must name a registered <see cref="IAssignmentStrategy"/>.</summary>
    public string Strategy { get; set; } = LeastLoadedStrategy.StrategyName;

    /// <summary>How long a ticket may wait in its group before it overflows to the group's fallback team. Default 30 minutes; must be positive.</summary>
    public Duration OverflowAfter { get; set; } = Duration.FromMinutes(30);

    /// <summary>The team for tickets whose industry has no mapping in <see cref="IndustryGroups"/>. Default <c>general</c>; must not be empty.</summary>
    public string DefaultGroup { get; set; } = "general";

    /// <summary>Industry code → team id, read by the default <see cref="DictionaryGroupResolver"/>. Empty by default.</summary>
    public IDictionary<string, string> IndustryGroups { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ticket type code → required skill codes, read by the default <see cref="DictionaryGroupResolver"/>. Empty by default.</summary>
    public IDictionary<string, IList<string>> TypeSkills { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
}
