using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// The one table of the <see cref="ReportTargets"/> values that have a range: the property, its key in a targets file, how to read and
/// set it, and its range with the message when a value is outside it. Read by <see cref="ReportTargets.Validate(CultureInfo?)"/> and
/// by <see cref="ReportTargetsJson"/>, so both accept the same values. Immutable and thread-safe.
/// </summary>
internal static class ReportTargetsRanges
{
    /// <summary>The largest duration target in hours: about what <see cref="Duration.FromHours(double)"/> accepts (46,000 years).</summary>
    public const double MaxHours = 402_653_183;

    /// <summary>Every ranged target, in the order of <see cref="ReportTargets"/>.</summary>
    public static readonly IReadOnlyList<Range> All =
    [
        new(nameof(ReportTargets.MaxAverageFirstResponse) + "." + nameof(Duration.TotalHours), "maxAverageFirstResponseHours",
            t => t.MaxAverageFirstResponse?.TotalHours, (t, v) => t.MaxAverageFirstResponse = v is { } h ? Duration.FromHours(h) : null, Kind.Hours),
        new(nameof(ReportTargets.MinFirstResponseWithinTarget), "minFirstResponseWithinTarget",
            t => t.MinFirstResponseWithinTarget, (t, v) => t.MinFirstResponseWithinTarget = v, Kind.Fraction),
        new(nameof(ReportTargets.MinFirstContactResolution), "minFirstContactResolution",
            t => t.MinFirstContactResolution, (t, v) => t.MinFirstContactResolution = v, Kind.Fraction),
        new(nameof(ReportTargets.MinResolutionRate), "minResolutionRate", t => t.MinResolutionRate, (t, v) => t.MinResolutionRate = v, Kind.Fraction),
        new(nameof(ReportTargets.MaxRepeatContactRate), "maxRepeatContactRate", t => t.MaxRepeatContactRate, (t, v) => t.MaxRepeatContactRate = v, Kind.Fraction),
        new(nameof(ReportTargets.MaxSlaBreachRate), "maxSlaBreachRate", t => t.MaxSlaBreachRate, (t, v) => t.MaxSlaBreachRate = v, Kind.Fraction),
        new(nameof(ReportTargets.MinCsatAverage), "minCsatAverage", t => t.MinCsatAverage, (t, v) => t.MinCsatAverage = v, Kind.Csat),
        new(nameof(ReportTargets.MinNps), "minNps", t => t.MinNps, (t, v) => t.MinNps = v, Kind.Nps),
        new(nameof(ReportTargets.MaxChurnRate), "maxChurnRate", t => t.MaxChurnRate, (t, v) => t.MaxChurnRate = v, Kind.Fraction),
    ];

    /// <summary>The kinds of range.</summary>
    public enum Kind
    {
        /// <summary>Hours greater than 0, at most <see cref="MaxHours"/>.</summary>
        Hours,

        /// <summary>A fraction from 0 to 1.</summary>
        Fraction,

        /// <summary>A CSAT score from 1 to 5.</summary>
        Csat,

        /// <summary>An NPS from −100 to 100.</summary>
        Nps,
    }

    /// <summary>One ranged target.</summary>
    /// <param name="Property">The name in <see cref="ReportTargets.Validate(CultureInfo?)"/>'s messages.</param>
    /// <param name="JsonKey">The key in a targets file.</param>
    /// <param name="Get">Reads the value (hours for a duration); null when the target is off.</param>
    /// <param name="Set">Sets the value; null turns the target off.</param>
    /// <param name="Kind">The range.</param>
    public sealed record Range(string Property, string JsonKey, Func<ReportTargets, double?> Get, Action<ReportTargets, double?> Set, Kind Kind)
    {
        /// <summary>The problem with <paramref name="value"/> named <paramref name="name"/> in the culture, or null when it is in range
        /// (NaN never is).</summary>
        public string? Problem(string name, double value, CultureInfo? culture) => Kind switch
        {
            Kind.Hours => value <= 0 || double.IsNaN(value) ? Strings.Format("Targets_Positive", culture, name, value)
                : value > MaxHours ? Strings.Format("Targets_TooLarge", culture, name, value, MaxHours) : null,
            Kind.Csat => value is >= 1 and <= 5 ? null : Strings.Format("Targets_Csat", culture, name, value),
            Kind.Nps => value is >= -100 and <= 100 ? null : Strings.Format("Targets_Nps", culture, name, value),
            _ => value is >= 0 and <= 1 ? null : Strings.Format("Targets_Fraction", culture, name, value),
        };
    }
}
