namespace CrmCore.Rules.Facts;

/// <summary>The plain data an <see cref="AgentFacts"/> object is computed from. Immutable.</summary>
public sealed record AgentFactsInput
{
    /// <summary>Skills, such as <c>technical</c> or <c>after-sales</c>. Default none.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Team name. Default empty.</summary>
    public string Team { get; init; } = string.Empty;

    /// <summary>Open tickets assigned to the agent. Default 0.</summary>
    public int OpenTicketCount { get; init; }

    /// <summary>The most open tickets the agent should hold (0 = no limit). Default 0.</summary>
    public int MaxOpenTickets { get; init; }

    /// <summary>Whether the agent is on shift and available. Default true.</summary>
    public bool IsAvailable { get; init; } = true;
}
