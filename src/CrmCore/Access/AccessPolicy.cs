using System.Collections.Frozen;
using CrmCore.Calendars;

namespace CrmCore.Access;

/// <summary>
/// Who may see and change what of a customer record, per role: loaded from policy JSON (<see cref="AccessPolicyJson"/>, format in
/// <c>docs/access.md</c>), or the shipped default of documents 000/001 (<see cref="Documents000And001"/>). A principal with several
/// roles gets their union; a role the policy does not name grants nothing. Immutable and thread-safe.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly Lazy<AccessPolicy> Default = new(() =>
        AccessPolicyJson.Parse(EmbeddedText.Read("Access.Defaults.access-policy-doc000-001.json"), "access-policy-doc000-001.json"));

    private readonly FrozenDictionary<string, RolePolicy> _roles;

    /// <summary>Creates a policy.</summary>
    /// <param name="name">The policy's name; not blank.</param>
    /// <param name="roles">The roles; names unique (ordinal).</param>
    /// <param name="source">Where the policy comes from (for example the documents), or null.</param>
    /// <exception cref="ArgumentException">The name is blank or two roles share a name.</exception>
    public AccessPolicy(string name, IEnumerable<RolePolicy> roles, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        var map = new Dictionary<string, RolePolicy>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            ArgumentNullException.ThrowIfNull(role, nameof(roles));
            if (!map.TryAdd(role.Name, role))
            {
                throw new ArgumentException($"Role '{role.Name}' appears twice in access policy '{name}'.", nameof(roles));
            }
        }

        Name = name.Trim();
        Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        _roles = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The default of documents 000 and 001: agents (<c>agent</c>) see their own customers, supervisors (<c>supervisor</c>) their team's,
    /// account managers (<c>account-manager</c>) their own with every field, marketing (<c>marketing</c>) all customers' masked basics
    /// (name, industry), analysts (<c>analyst</c>) all customers without personal data, administrators (<c>admin</c>) everything; the
    /// contract amount only through an approved (reasoned, audited) reveal.
    /// </summary>
    public static AccessPolicy Documents000And001 => Default.Value;

    /// <summary>The policy's name.</summary>
    public string Name { get; }

    /// <summary>Where the policy comes from, or null.</summary>
    public string? Source { get; }

    /// <summary>The roles by name.</summary>
    public IReadOnlyDictionary<string, RolePolicy> Roles => _roles;

    /// <summary>What a principal may do: the union of its roles the policy names (nothing when it names none).</summary>
    /// <param name="principal">The principal.</param>
    /// <returns>The combined role policy.</returns>
    public RolePolicy For(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var roles = new List<RolePolicy>(principal.Roles.Count);
        foreach (var role in principal.Roles)
        {
            if (_roles.TryGetValue(role, out var policy))
            {
                roles.Add(policy);
            }
        }

        var name = string.Join("+", principal.Roles);
        return roles.Count == 0 ? RolePolicy.Nothing(name) : RolePolicy.Combine(name, roles);
    }
}
