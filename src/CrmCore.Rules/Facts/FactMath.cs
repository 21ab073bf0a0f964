using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>Allocation-free calendar arithmetic for facts.</summary>
internal static class FactMath
{
    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/> (0 when <paramref name="to"/> is earlier).</summary>
    public static int WholeMonths(LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            return 0;
        }

        var months = ((to.Year - from.Year) * 12) + (to.Month - from.Month);
        if (to.Day < from.Day)
        {
            months--;
        }

        return Math.Max(0, months);
    }
}
