using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Decoding;

namespace CrmCore.Access;

/// <summary>
/// Reads an <see cref="AccessPolicy"/> from JSON (format in <c>docs/access.md</c>; the shipped default is
/// <c>src/CrmCore/Access/Defaults/access-policy-doc000-001.json</c>):
/// <code>
/// { "name": "...", "source": "...", "roles": { "agent": { "scope": "own", "fields": { "*": "read", "contact.phone": "read-unmasked" },
///   "update": ["contact.*", "preferences"] } } }
/// </code>
/// Field keys are field names (<see cref="CustomerFields.NameOf"/>), <c>contact.*</c>, <c>transactions.*</c> or <c>*</c>; the most
/// specific key wins. Every problem is reported with the file, line and column and the role. Bounded: at most <see cref="MaxLength"/>
/// characters, 64 roles and depth 8. Thread-safe (stateless).
/// </summary>
public static class AccessPolicyJson
{
    /// <summary>The largest policy text accepted, in characters (256 KiB): a policy is a few kilobytes.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The most roles a policy may have.</summary>
    public const int MaxRoles = 64;

    private static readonly string[] ScopeNames = ["none", "own", "team", "all"];
    private static readonly string[] AccessNames = ["hidden", "masked", "read", "read-unmasked"];

    /// <summary>Parses and validates a policy.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name (or other origin) used in error messages.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is not a valid policy; the message lists every problem as
    /// <c>source:line:col: problem</c>.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static AccessPolicy Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (json.Length > MaxLength)
        {
            throw new FormatException($"{source}:1:1: the access policy has {json.Length} characters; at most {MaxLength} are read.");
        }

        PolicyJsonNode root;
        try
        {
            root = PolicyJsonNode.Parse(Encoding.UTF8.GetBytes(json), maxDepth: 8);
        }
        catch (JsonException e)
        {
            var (line, column) = JsonErrorPosition.Of(json, e.LineNumber, e.BytePositionInLine);
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}:{line}:{column}: not valid JSON: {e.Message}"), e);
        }

        var problems = new List<string>();
        void Problem(PolicyJsonNode at, string text) => problems.Add($"{at.Where(source)}: {text}");

        if (root.Kind != JsonTokenType.StartObject)
        {
            throw new FormatException($"{root.Where(source)}: the access policy must be a JSON object.");
        }

        string? name = null;
        string? origin = null;
        var roles = new List<RolePolicy>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        PolicyJsonNode? rolesNode = null;
        foreach (var (key, value) in root.Members)
        {
            if (!seen.Add(key))
            {
                Problem(value, $"'{key}' appears twice.");
                continue;
            }

            switch (key)
            {
                case "$schema" or "$comment":
                    break;
                case "name":
                    name = String(value, "name", Problem);
                    break;
                case "source":
                    origin = String(value, "source", Problem);
                    break;
                case "roles":
                    rolesNode = value;
                    break;
                default:
                    Problem(value, $"unknown property '{key}'; known: name, source, roles.");
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            Problem(root, "the policy has no 'name' (a non-empty string).");
        }

        if (rolesNode is null || rolesNode.Kind != JsonTokenType.StartObject || rolesNode.Members.Count == 0)
        {
            Problem(rolesNode ?? root, "'roles' must be an object with at least one role.");
        }
        else if (rolesNode.Members.Count > MaxRoles)
        {
            Problem(rolesNode, $"the policy has {rolesNode.Members.Count} roles; at most {MaxRoles} are allowed.");
        }
        else
        {
            var roleNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (roleName, roleNode) in rolesNode.Members)
            {
                if (string.IsNullOrWhiteSpace(roleName) || !roleNames.Add(roleName.Trim()))
                {
                    Problem(roleNode, string.IsNullOrWhiteSpace(roleName) ? "a role name is blank." : $"role '{roleName}' appears twice.");
                    continue;
                }

                if (ReadRole(roleName.Trim(), roleNode, Problem) is { } role)
                {
                    roles.Add(role);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new FormatException($"The access policy {source} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        return new AccessPolicy(name!, roles, origin);
    }

    private static RolePolicy? ReadRole(string role, PolicyJsonNode node, Action<PolicyJsonNode, string> problem)
    {
        if (node.Kind != JsonTokenType.StartObject)
        {
            problem(node, $"role '{role}': expected an object with scope, fields and update.");
            return null;
        }

        RecordScope? scope = null;
        var fields = new Dictionary<CustomerField, (FieldAccess Access, int Specificity)>();
        FieldAccess other = FieldAccess.Hidden;
        var update = new List<(CustomerField Field, PolicyJsonNode At)>();
        var ok = true;
        foreach (var (key, value) in node.Members)
        {
            switch (key)
            {
                case "$comment":
                    break;
                case "scope":
                    var s = Choice(value, ScopeNames, $"role '{role}': scope", problem);
                    scope = s is null ? null : (RecordScope)s;
                    ok &= s is not null;
                    break;
                case "fields":
                    if (value.Kind != JsonTokenType.StartObject)
                    {
                        problem(value, $"role '{role}': 'fields' must be an object of field name to access ({string.Join(", ", AccessNames)}).");
                        ok = false;
                        break;
                    }

                    foreach (var (pattern, accessNode) in value.Members)
                    {
                        var chosen = Choice(accessNode, AccessNames, $"role '{role}', field '{pattern}'", problem);
                        var matched = Match(pattern, out var specificity);
                        if (matched.Count == 0)
                        {
                            problem(accessNode, $"role '{role}': unknown field '{pattern}'; {Known()}.");
                            ok = false;
                            continue;
                        }

                        if (chosen is null)
                        {
                            ok = false;
                            continue;
                        }

                        if (pattern == "*")
                        {
                            other = (FieldAccess)chosen;
                        }

                        foreach (var field in matched)
                        {
                            if (!fields.TryGetValue(field, out var current) || current.Specificity < specificity)
                            {
                                fields[field] = ((FieldAccess)chosen, specificity);
                            }
                        }
                    }

                    break;
                case "update":
                    if (value.Kind != JsonTokenType.StartArray)
                    {
                        problem(value, $"role '{role}': 'update' must be an array of field names.");
                        ok = false;
                        break;
                    }

                    foreach (var item in value.Items)
                    {
                        var matched = item.Kind == JsonTokenType.String ? Match(item.Text!, out _) : [];
                        if (matched.Count == 0)
                        {
                            problem(item, $"role '{role}': 'update' lists '{item.Text}', which is not a field; {Known()}.");
                            ok = false;
                        }

                        update.AddRange(matched.Select(f => (f, item)));
                    }

                    break;
                default:
                    problem(value, $"role '{role}': unknown property '{key}'; known: scope, fields, update.");
                    ok = false;
                    break;
            }
        }

        if (scope is null && ok)
        {
            problem(node, $"role '{role}' has no 'scope' ({string.Join(", ", ScopeNames)}).");
            ok = false;
        }

        var access = fields.ToDictionary(p => p.Key, p => p.Value.Access);
        foreach (var (field, at) in update)
        {
            var a = access.TryGetValue(field, out var x) ? x : other;
            if (a < FieldAccess.Read)
            {
                problem(at, $"role '{role}' may not update '{CustomerFields.NameOf(field)}': the role sees it {AccessNames[(int)a]}; a field must be readable to be updated.");
                ok = false;
            }
        }

        return ok ? new RolePolicy(role, scope!.Value, access, other, update.Select(u => u.Field).Distinct()) : null;
    }

    private static List<CustomerField> Match(string pattern, out int specificity)
    {
        if (pattern == "*")
        {
            specificity = 0;
            return [.. CustomerFields.All];
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            specificity = 1;
            var prefix = pattern[..^1];
            return [.. CustomerFields.All.Where(f => CustomerFields.NameOf(f).StartsWith(prefix, StringComparison.Ordinal))];
        }

        specificity = 2;
        return CustomerFields.TryParse(pattern, out var field) ? [field] : [];
    }

    private static string Known() => "known: *, contact.*, transactions.*, " + string.Join(", ", CustomerFields.All.Select(CustomerFields.NameOf));

    private static string? String(PolicyJsonNode node, string what, Action<PolicyJsonNode, string> problem)
    {
        if (node.Kind != JsonTokenType.String)
        {
            problem(node, $"'{what}' must be a string.");
            return null;
        }

        return node.Text;
    }

    private static int? Choice(PolicyJsonNode node, string[] names, string what, Action<PolicyJsonNode, string> problem)
    {
        var index = node.Kind == JsonTokenType.String ? Array.IndexOf(names, node.Text) : -1;
        if (index < 0)
        {
            problem(node, $"{what}: '{node.Text}' is not one of {string.Join(", ", names)}.");
            return null;
        }

        return index;
    }
}
