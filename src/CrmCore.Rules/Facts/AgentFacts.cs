namespace CrmCore.Rules.Facts;

/// <summary>
/// The read-only agent facts that rule expressions see as <c>agent</c>. Immutable from the outside; safe to read from several threads.
/// </summary>
public sealed class AgentFacts
{
    private readonly TagSet _skills = new();

    /// <summary>Creates empty facts; the library fills them (see <c>From</c>) and may re-point them during a batch.</summary>
    internal AgentFacts()
    {
    }

    /// <summary>The agent's skills.</summary>
    public TagSet Skills => _skills;

    /// <summary>Team name.</summary>
    public string Team { get; private set; } = string.Empty;

    /// <summary>Open tickets assigned to the agent.</summary>
    public int OpenTicketCount { get; private set; }

    /// <summary>Load in percent of <see cref="AgentFactsInput.MaxOpenTickets"/> (0 when there is no limit).</summary>
    public decimal LoadPercent { get; private set; }

    /// <summary>Whether the agent is available.</summary>
    public bool IsAvailable { get; private set; }

    /// <summary>Computes the facts for one agent.</summary>
    /// <param name="input">The plain data.</param>
    /// <returns>A new fact object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static AgentFacts From(AgentFactsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = new AgentFacts();
        facts._skills.Reset(input.Skills);
        facts.Team = input.Team ?? string.Empty;
        facts.OpenTicketCount = input.OpenTicketCount;
        facts.LoadPercent = input.MaxOpenTickets <= 0 ? 0m : Math.Round(100m * input.OpenTicketCount / input.MaxOpenTickets, 2);
        facts.IsAvailable = input.IsAvailable;
        return facts;
    }

    /// <inheritdoc />
    public override string ToString() => $"agent(Team={Team}, Load={LoadPercent}%)";
}
