using System.Collections.Immutable;

namespace CrmCore.Escalation;

/// <summary>
/// The escalation levels already raised for one ticket, so that no level is raised twice. The host stores it with the ticket and
/// passes it back on the next evaluation. Immutable and thread-safe.
/// </summary>
public sealed record EscalationTicketState
{
    /// <summary>Nothing raised yet.</summary>
    public static EscalationTicketState Empty { get; } = new();

    /// <summary>The raised steps as <c>ladder/level</c> keys.</summary>
    public ImmutableHashSet<string> Raised { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Whether a ladder's level was raised.</summary>
    /// <param name="ladder">The ladder name.</param>
    /// <param name="level">The level.</param>
    /// <returns>True when raised before.</returns>
    public bool HasRaised(string ladder, int level) => Raised.Contains(Key(ladder, level));

    internal EscalationTicketState With(string ladder, int level) => this with { Raised = Raised.Add(Key(ladder, level)) };

    private static string Key(string ladder, int level) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ladder}/{level}");
}
