using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Decoding;
using CrmCore.Localization;

namespace CrmCore.Access;

/// <summary>
/// Reads an <see cref="AccessPolicy"/> from JSON (format in <c>docs/access.md</c>; the shipped default is
/// <c>src/CrmCore/Access/Defaults/access-policy-doc000-001.json</c>):
/// <code>
/// { "name": "...", "source": "...", "roles": { "agent": { "scope": "own", "fields": { "*": "read", "contact.phone": "read-unmasked" },
///   "update": ["contact.*", "preferences"] } } }
/// </code>
/// Field keys are field names (<see cref="CustomerFields.NameOf"/>), <c>contact.*</c>, <c>transactions.*</c> or <c>*</c>; the most
/// specific key wins. Every problem is reported with the file, line and column and the role, in English or Simplified Chinese by the
/// culture passed (Strings.resx). Bounded: at most <see cref="MaxLength"/>
/// characters, 64 roles and depth 8. Thread-safe (stateless).
/// </summary>
public static class AccessPolicyJson
{
    /// <summary>The largest policy text accepted, in characters (256 KiB): a policy is a few kilobytes.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The most roles a policy may have.</summary>
    public const int MaxRoles = 64;

    /// <summary>The deepest nesting of objects and arrays read.</summary>
    private const int MaxDepth = 8;

    private static readonly string[] ScopeNames = ["none", "own", "team", "all"];
    private static readonly string[] AccessNames = ["hidden", "masked", "read", "read-unmasked"];

    /// <summary>Parses and validates a policy.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name (or other origin) used in error messages.</param>
    /// <param name="culture">The language of the error messages: Simplified Chinese for zh-Hans (zh, zh-CN), English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is not a valid policy; the message lists every problem as
    /// <c>source:line:col: problem</c>.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static AccessPolicy Parse(string json, string source, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (json.Length > MaxLength)
        {
            throw new FormatException($"{source}:1:1: {Strings.Format("Access_TooLong", culture, json.Length, MaxLength)}");
        }

        PolicyJsonNode root;
        var utf8 = Encoding.UTF8.GetBytes(json);
        try
        {
            root = PolicyJsonNode.Parse(utf8, MaxDepth);
        }
        catch (JsonException e)
        {
            var syntax = JsonFields.SyntaxProblem(new LineIndex(utf8), e);
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}:{syntax.Line}:{syntax.Column}: {syntax.MessageIn(culture)}"), e);
        }

        var problems = new List<string>();
        void Problem(PolicyJsonNode at, string key, object?[] args) => problems.Add($"{at.Where(source)}: {Strings.Format(key, culture, args)}");

        if (root.Kind != JsonTokenType.StartObject)
        {
            throw new FormatException($"{root.Where(source)}: {Strings.Format("Access_NotObject", culture)}");
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
                Problem(value, "Json_Twice", [key]);
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
                    Problem(value, "Access_UnknownProperty", [key]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            Problem(root, "Access_NoName", []);
        }

        if (rolesNode is null || rolesNode.Kind != JsonTokenType.StartObject || rolesNode.Members.Count == 0)
        {
            Problem(rolesNode ?? root, "Access_NoRoles", []);
        }
        else if (rolesNode.Members.Count > MaxRoles)
        {
            Problem(rolesNode, "Access_TooManyRoles", [rolesNode.Members.Count, MaxRoles]);
        }
        else
        {
            var roleNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (roleName, roleNode) in rolesNode.Members)
            {
                if (string.IsNullOrWhiteSpace(roleName) || !roleNames.Add(roleName.Trim()))
                {
                    Problem(roleNode, string.IsNullOrWhiteSpace(roleName) ? "Access_BlankRole" : "Access_RoleTwice", [roleName]);
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
            throw new FormatException($"{Strings.Format("Access_Invalid", culture, source)}{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        return new AccessPolicy(name!, roles, origin);
    }

    private static RolePolicy? ReadRole(string role, PolicyJsonNode node, Action<PolicyJsonNode, string, object?[]> problem)
    {
        if (node.Kind != JsonTokenType.StartObject)
        {
            problem(node, "Access_RoleNotObject", [role]);
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
                    var s = Choice(value, ScopeNames, "Access_ScopeNotOneOf", [role], problem);
                    scope = s is null ? null : (RecordScope)s;
                    ok &= s is not null;
                    break;
                case "fields":
                    if (value.Kind != JsonTokenType.StartObject)
                    {
                        problem(value, "Access_FieldsNotObject", [role, string.Join(", ", AccessNames)]);
                        ok = false;
                        break;
                    }

                    foreach (var (pattern, accessNode) in value.Members)
                    {
                        var chosen = Choice(accessNode, AccessNames, "Access_AccessNotOneOf", [role, pattern], problem);
                        var matched = Match(pattern, out var specificity);
                        if (matched.Count == 0)
                        {
                            problem(accessNode, "Access_UnknownField", [role, pattern, Known()]);
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
                        problem(value, "Access_UpdateNotArray", [role]);
                        ok = false;
                        break;
                    }

                    foreach (var item in value.Items)
                    {
                        var matched = item.Kind == JsonTokenType.String ? Match(item.Text!, out _) : [];
                        if (matched.Count == 0)
                        {
                            problem(item, "Access_UpdateNotField", [role, item.Text, Known()]);
                            ok = false;
                        }

                        update.AddRange(matched.Select(f => (f, item)));
                    }

                    break;
                default:
                    problem(value, "Access_RoleUnknownProperty", [role, key]);
                    ok = false;
                    break;
            }
        }

        if (scope is null && ok)
        {
            problem(node, "Access_NoScope", [role, string.Join(", ", ScopeNames)]);
            ok = false;
        }

        var access = fields.ToDictionary(p => p.Key, p => p.Value.Access);
        foreach (var (field, at) in update)
        {
            var a = access.TryGetValue(field, out var x) ? x : other;
            if (a < FieldAccess.Read)
            {
                problem(at, "Access_UpdateNotReadable", [role, CustomerFields.NameOf(field), AccessNames[(int)a]]);
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

    private static string Known() => "*, contact.*, transactions.*, " + string.Join(", ", CustomerFields.All.Select(CustomerFields.NameOf));

    private static string? String(PolicyJsonNode node, string what, Action<PolicyJsonNode, string, object?[]> problem)
    {
        if (node.Kind != JsonTokenType.String)
        {
            problem(node, "Json_NotString", [what]);
            return null;
        }

        return node.Text;
    }

    private static int? Choice(PolicyJsonNode node, string[] names, string key, object?[] what, Action<PolicyJsonNode, string, object?[]> problem)
    {
        var index = node.Kind == JsonTokenType.String ? Array.IndexOf(names, node.Text) : -1;
        if (index < 0)
        {
            problem(node, key, [.. what, node.Text, string.Join(", ", names)]);
            return null;
        }

        return index;
    }
}
