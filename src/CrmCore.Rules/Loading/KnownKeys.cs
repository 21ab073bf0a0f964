using CrmCore.Normalization;
using System.Reflection;
using RulesEngine.Models;

namespace CrmCore.Rules.Loading;

/// <summary>
/// The keys RulesEngine 6.0.1 binds, read by reflection from its model types so they match exactly (case-sensitive),
/// plus the keys it removed (reported as warnings).
/// </summary>
internal static class KnownKeys
{
    public static readonly IReadOnlyList<string> Workflow = Of(typeof(Workflow));
    public static readonly IReadOnlyList<string> Rule = Of(typeof(Rule));
    public static readonly IReadOnlyList<string> ScopedParam = Of(typeof(ScopedParam));
    public static readonly IReadOnlyList<string> RuleActions = Of(typeof(RuleActions));
    public static readonly IReadOnlyList<string> ActionInfo = Of(typeof(ActionInfo));

    /// <summary>Keys that older RulesEngine versions bound and 6.0.1 ignores; a warning, not an error.</summary>
    public static readonly IReadOnlyList<string> Removed = ["ErrorType", "SuccessMessage"];

    /// <summary>Keys that exist but are obsolete in 6.0.1 (still bound); reported as a warning.</summary>
    public static readonly IReadOnlyList<string> Obsolete = ObsoleteOf(typeof(Workflow)).Concat(ObsoleteOf(typeof(Rule))).ToArray();

    private static string[] Of(Type t) => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })
        .Select(p => p.Name)
        .ToArray();

    private static IEnumerable<string> ObsoleteOf(Type t) => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<ObsoleteAttribute>() is not null)
        .Select(p => p.Name);

    /// <summary>
    /// The closest known key to an unknown one: the first with the smallest edit distance ignoring case (at most 3), so a key that
    /// differs only in case (distance 0) always wins.
    /// </summary>
    public static string? Suggest(string unknown, IEnumerable<string> known)
    {
        var upper = unknown.ToUpperInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = EditDistance.Levenshtein(upper, k.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }

        return bestDistance <= Math.Max(1, Math.Min(3, unknown.Length / 3)) ? best : null;
    }

}
