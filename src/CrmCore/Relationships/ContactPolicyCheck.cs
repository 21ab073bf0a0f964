using CrmCore.Normalization;
using System.Collections.Immutable;
using CrmCore.Calendars;

namespace CrmCore.Relationships;

/// <summary>
/// Finds the parts of a valid policy that would plan nothing on a given calendar and customers: care for a holiday name the calendar
/// does not have, and a cadence for a tier no customer has. Stateless and thread-safe.
/// </summary>
internal static class ContactPolicyCheck
{
    public static ImmutableArray<LoadProblem> Run(ContactPolicy policy, BusinessCalendar calendar, IEnumerable<string?>? tiers)
    {
        var problems = ImmutableArray.CreateBuilder<LoadProblem>();
        if (policy.Care is { } care)
        {
            var names = calendar.Definition.Holidays.Where(h => h.IsWholeDay && !string.IsNullOrWhiteSpace(h.Name))
                .OrderBy(h => h.Date).Select(h => h.Name).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0 && care.Holidays.Length > 0)
            {
                // One warning for the whole list: each name would only repeat it.
                problems.Add(LoadProblem.Of("$.care.holidays", "Plan_Check_NoHolidays", string.Join(", ", care.Holidays), calendar.Name));
            }

            for (var i = 0; i < care.Holidays.Length && names.Count > 0; i++)
            {
                var wanted = care.Holidays[i];
                if (names.Any(n => n.Contains(wanted, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var path = $"$.care.holidays[{i}]";
                problems.Add(Closest(wanted, names) is { } closest
                    ? LoadProblem.Of(path, "Plan_Check_HolidayUnknownClosest", wanted, calendar.Name, closest, string.Join(", ", names))
                    : LoadProblem.Of(path, "Plan_Check_HolidayUnknown", wanted, calendar.Name, string.Join(", ", names)));
            }
        }

        if (tiers is not null)
        {
            var had = tiers.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var shown = string.Join(", ", had.Order(StringComparer.Ordinal));
            for (var c = 0; c < policy.Cadences.Length; c++)
            {
                for (var t = 0; t < policy.Cadences[c].Tiers.Length; t++)
                {
                    var tier = policy.Cadences[c].Tiers[t];
                    if (!had.Contains(tier))
                    {
                        var path = $"$.cadences[{c}].tiers[{t}]";
                        problems.Add(had.Count == 0 ? LoadProblem.Of(path, "Plan_Check_NoTiers", tier) : LoadProblem.Of(path, "Plan_Check_TierUnused", tier, shown));
                    }
                }
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>
    /// The holiday name closest to a misspelt one: the fewest single-character edits to the whole name or to either part of a name such
    /// as <c>Spring Festival (春节)</c>, at most a third of the word's length (at least 1); null when none is that close.
    /// </summary>
    private static string? Closest(string wanted, IEnumerable<string> names)
    {
        var limit = Math.Max(1, wanted.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = Parts(name).Min(part => EditDistance.Levenshtein(wanted.ToUpperInvariant(), part.ToUpperInvariant()));
            if (distance <= limit && distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best;
    }

    private static IEnumerable<string> Parts(string name)
    {
        yield return name;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open > 0)
        {
            yield return name[..open].Trim();
            yield return name[(open + 1)..].TrimEnd(')', ' ').Trim();
        }
    }

}
