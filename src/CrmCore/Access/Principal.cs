using System.Collections.Immutable;
using CrmCore.Agents;

namespace CrmCore.Access;

/// <summary>
/// Who is asking, as the host authenticated them: the user, their roles (names from the <see cref="AccessPolicy"/>, for example
/// <c>agent</c> or <c>supervisor</c>) and their team's members (for <see cref="RecordScope.Team"/>). CrmCore does no authentication; it
/// trusts what the host supplies. Immutable and thread-safe.
/// </summary>
public sealed class Principal
{
    /// <summary>Creates a principal.</summary>
    /// <param name="user">The user; not empty.</param>
    /// <param name="roles">The role names; at least one, none blank. Trimmed; compared ordinally.</param>
    /// <param name="team">The user's team, or null.</param>
    /// <param name="teamMembers">The members of <paramref name="team"/> (the user is always included), or null for none.</param>
    /// <exception cref="ArgumentException">The user is empty, there is no role, or a role is blank.</exception>
    public Principal(AgentId user, IEnumerable<string> roles, TeamId? team = null, IEnumerable<AgentId>? teamMembers = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (user.IsEmpty)
        {
            throw new ArgumentException("The principal's user id is empty.", nameof(user));
        }

        var set = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(role, nameof(roles));
            set.Add(role.Trim());
        }

        if (set.Count == 0)
        {
            throw new ArgumentException("A principal has at least one role.", nameof(roles));
        }

        User = user;
        Roles = set.ToImmutable();
        Team = team is { IsEmpty: false } t ? t : null;
        TeamMembers = [.. (teamMembers ?? []).Where(m => !m.IsEmpty).Append(user)];
    }

    /// <summary>The user.</summary>
    public AgentId User { get; }

    /// <summary>The role names, ordinal order.</summary>
    public ImmutableSortedSet<string> Roles { get; }

    /// <summary>The team, or null.</summary>
    public TeamId? Team { get; }

    /// <summary>The team's members, the user included.</summary>
    public ImmutableHashSet<AgentId> TeamMembers { get; }

    /// <inheritdoc />
    public override string ToString() => $"{User} ({string.Join(", ", Roles)})";
}
