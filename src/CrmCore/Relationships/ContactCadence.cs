using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// One regular contact for customers of some tiers, for example "tier A: a phone call every week". Occurrences are counted from the
/// customer's <see cref="PlanSubject.CadenceAnchor"/>: anchor + k × <see cref="Every"/>. Immutable and thread-safe.
/// </summary>
/// <param name="Tiers">The tier names this cadence applies to (compared ordinally, ignoring case), for example <c>A</c> or <c>高价值</c>.</param>
/// <param name="Channel">How the contact is made.</param>
/// <param name="Every">The interval: a positive number of years, months, weeks or days (one unit only).</param>
/// <param name="Purpose">A short description shown to the account manager, for example <c>Weekly call</c>.</param>
public sealed record ContactCadence(ImmutableArray<string> Tiers, ContactChannel Channel, Period Every, string Purpose)
{
    /// <summary>True when the cadence applies to <paramref name="tier"/>.</summary>
    /// <param name="tier">The tier name; null never matches.</param>
    /// <returns>True when it is one of <see cref="Tiers"/>.</returns>
    public bool AppliesTo(string? tier) => tier is not null && Tiers.Any(t => string.Equals(t, tier.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The <paramref name="k"/>-th occurrence after <paramref name="anchor"/>, computed from the anchor each time (so 31 January + 1 month is 28 or 29 February and + 2 months is 31 March).</summary>
    internal LocalDate Occurrence(LocalDate anchor, int k) =>
        Every.Years != 0 ? anchor.PlusYears(checked(Every.Years * k))
        : Every.Months != 0 ? anchor.PlusMonths(checked(Every.Months * k))
        : anchor.PlusDays(checked((Every.Weeks * 7 + Every.Days) * k));
}
