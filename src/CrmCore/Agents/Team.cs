namespace CrmCore.Agents;

/// <summary>
/// A team (service group) tickets are routed to. A team may name a fallback team that takes its tickets after they have waited
/// too long, and may be temporary (a cross-department team formed for complex tickets). Immutable and thread-safe.
/// </summary>
public sealed record Team
{
    /// <summary>Creates a team.</summary>
    /// <param name="id">The team's id; must not be the default instance.</param>
    /// <param name="name">The display name; must not be empty.</param>
    /// <param name="fallback">The team that takes tickets waiting too long, or null for none. Must differ from <paramref name="id"/>.</param>
    /// <param name="isTemporary">True for a temporary cross-department team. Default false.</param>
    /// <exception cref="ArgumentException">The id is the default instance, the name is empty or the fallback is the team itself.</exception>
    public Team(TeamId id, string name, TeamId? fallback = null, bool isTemporary = false)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The team id must not be the default instance.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (fallback is { } f && (f.IsEmpty || f == id))
        {
            throw new ArgumentException("A fallback team must be a different, non-default team.", nameof(fallback));
        }

        Id = id;
        Name = name;
        Fallback = fallback;
        IsTemporary = isTemporary;
    }

    /// <summary>The team's id.</summary>
    public TeamId Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The fallback team for overflow, or null.</summary>
    public TeamId? Fallback { get; }

    /// <summary>True for a temporary cross-department team.</summary>
    public bool IsTemporary { get; }
}
