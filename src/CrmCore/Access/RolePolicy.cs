using System.Collections.Immutable;

namespace CrmCore.Access;

/// <summary>
/// What one role may do: which customers it sees (<see cref="Scope"/>), what it sees of each field (<see cref="AccessTo"/>) and which
/// fields it may change (<see cref="CanUpdate"/>). A role may only update a field it can at least read. Immutable and thread-safe.
/// </summary>
public sealed class RolePolicy
{
    private readonly FieldAccess[] _access;
    private readonly bool[] _update;

    /// <summary>Creates a role policy.</summary>
    /// <param name="name">The role name, for example <c>agent</c>; not blank, trimmed.</param>
    /// <param name="scope">Which customers the role sees.</param>
    /// <param name="fields">The access per field; fields not listed get <paramref name="otherFields"/>.</param>
    /// <param name="otherFields">The access to every field not in <paramref name="fields"/>; default hidden.</param>
    /// <param name="updatable">The fields the role may change; default none.</param>
    /// <exception cref="ArgumentException">The name is blank, or an updatable field is hidden or masked for the role.</exception>
    public RolePolicy(
        string name,
        RecordScope scope,
        IReadOnlyDictionary<CustomerField, FieldAccess>? fields = null,
        FieldAccess otherFields = FieldAccess.Hidden,
        IEnumerable<CustomerField>? updatable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Scope = scope;
        _access = new FieldAccess[CustomerFields.Count];
        _update = new bool[CustomerFields.Count];
        foreach (var field in CustomerFields.All)
        {
            _access[(int)field] = fields is not null && fields.TryGetValue(field, out var a) ? a : otherFields;
        }

        foreach (var field in updatable ?? [])
        {
            if (_access[(int)field] < FieldAccess.Read)
            {
                throw new ArgumentException(
                    $"Role '{Name}' may not update '{CustomerFields.NameOf(field)}': it is {_access[(int)field]} for the role; a field must be readable to be updated.",
                    nameof(updatable));
            }

            _update[(int)field] = true;
        }
    }

    private RolePolicy(string name, RecordScope scope, FieldAccess[] access, bool[] update)
    {
        Name = name;
        Scope = scope;
        _access = access;
        _update = update;
    }

    /// <summary>The role name.</summary>
    public string Name { get; }

    /// <summary>Which customers the role sees.</summary>
    public RecordScope Scope { get; }

    /// <summary>The fields the role may update, in declaration order.</summary>
    public ImmutableArray<CustomerField> Updatable => [.. CustomerFields.All.Where(f => _update[(int)f])];

    /// <summary>What the role sees of a field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The access.</returns>
    public FieldAccess AccessTo(CustomerField field) => _access[(int)field];

    /// <summary>True when the role may change the field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when allowed.</returns>
    public bool CanUpdate(CustomerField field) => _update[(int)field];

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Scope})";

    /// <summary>The union of several roles: the widest scope, the most access per field, and every field any of them may update.</summary>
    internal static RolePolicy Combine(string name, IReadOnlyList<RolePolicy> roles)
    {
        if (roles.Count == 1)
        {
            return roles[0];
        }

        var access = new FieldAccess[CustomerFields.Count];
        var update = new bool[CustomerFields.Count];
        var scope = RecordScope.None;
        foreach (var role in roles)
        {
            scope = role.Scope > scope ? role.Scope : scope;
            for (var i = 0; i < access.Length; i++)
            {
                access[i] = role._access[i] > access[i] ? role._access[i] : access[i];
                update[i] |= role._update[i];
            }
        }

        return new RolePolicy(name, scope, access, update);
    }

    internal static RolePolicy Nothing(string name) => new(name, RecordScope.None, new FieldAccess[CustomerFields.Count], new bool[CustomerFields.Count]);
}
