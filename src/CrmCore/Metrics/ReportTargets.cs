using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// Monthly KPI targets. Defaults follow document 001: average first response ≤ 2 h, resolution rate ≥ 90 %, CSAT ≥ 4.5,
/// churn ≤ 5 %; the other targets are off (null) by default. Rates are fractions from 0 to 1. Validate with
/// <see cref="Validate(CultureInfo?)"/>. Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class ReportTargets
{
    /// <summary>Where the targets come from, shown in reports, for example <c>document 001</c>. Default <c>document 001</c>.</summary>
    public string Source { get; set; } = "document 001";

    /// <summary>Document 001's monthly targets (the defaults): first response ≤ 2 h, resolution ≥ 90 %, CSAT ≥ 4.5, churn ≤ 5 %.</summary>
    /// <returns>A new instance, read from the shipped <c>Metrics/Targets/document-001.json</c>.</returns>
    public static ReportTargets Document001() => ReportTargetsJson.Shipped("document-001.json");

    /// <summary>
    /// Document 003's targets: first response ≤ 2 h (its phone target; the 10-minute online target needs per-channel targets) and
    /// resolution ≥ 95 %; document 003 names no CSAT, NPS or churn figure, so those are off.
    /// </summary>
    /// <returns>A new instance, read from the shipped <c>Metrics/Targets/document-003.json</c>.</returns>
    public static ReportTargets Document003() => ReportTargetsJson.Shipped("document-003.json");

    /// <summary>Highest acceptable average first-response time. Default 2 hours; null turns the target off; must be positive.</summary>
    public Duration? MaxAverageFirstResponse { get; set; } = Duration.FromHours(2);

    /// <summary>Lowest acceptable share of first responses within target, 0–1. Default null (off).</summary>
    public double? MinFirstResponseWithinTarget { get; set; }

    /// <summary>
    /// Targets for the average first response per channel, by channel code (<c>OnlineChat</c>, <c>Phone</c>, <c>Email</c>, <c>Visit</c>,
    /// <c>WebForm</c>, <c>Sms</c>, or one of <see cref="HostChannels"/>, spelled exactly; <see cref="Validate(CultureInfo?)"/> reports any other
    /// key), compared in the report's per-channel table and counted in its headline; empty for none (document 001's default). Document 003
    /// sets 10 minutes online and 2 hours by phone. In a targets file: <c>"maxAverageFirstResponseMinutesByChannel": { "OnlineChat": 10, "Phone": 120 }</c>.
    /// </summary>
    public Dictionary<string, Duration> MaxAverageFirstResponseByChannel { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The host's own channel codes (a <see cref="Tickets.Channel"/> made with its constructor, such as <c>WeChat</c>) that
    /// <see cref="MaxAverageFirstResponseByChannel"/> may name beside the well-known ones; compared ordinally, as tickets' channels are.
    /// Empty by default. <see cref="Validate(CultureInfo?)"/> reports a blank code and one that differs from a well-known code only in
    /// case. In a targets file: <c>"hostChannels": ["WeChat", "Complaint"]</c>.
    /// </summary>
    public HashSet<string> HostChannels { get; } = new(StringComparer.Ordinal);

    /// <summary>Lowest acceptable first-contact resolution, 0–1. Default null (off).</summary>
    public double? MinFirstContactResolution { get; set; }

    /// <summary>Lowest acceptable resolution rate, 0–1. Default 0.90.</summary>
    public double? MinResolutionRate { get; set; } = 0.90;

    /// <summary>Highest acceptable repeat-contact rate, 0–1. Default null (off).</summary>
    public double? MaxRepeatContactRate { get; set; }

    /// <summary>Highest acceptable SLA breach rate, 0–1. Default null (off).</summary>
    public double? MaxSlaBreachRate { get; set; }

    /// <summary>Lowest acceptable CSAT average, 1–5. Default 4.5.</summary>
    public double? MinCsatAverage { get; set; } = 4.5;

    /// <summary>Lowest acceptable NPS, −100 to 100. Default null (off).</summary>
    public double? MinNps { get; set; }

    /// <summary>Highest acceptable monthly churn rate, 0–1. Default 0.05.</summary>
    public double? MaxChurnRate { get; set; } = 0.05;

    /// <summary>The target of one KPI, in the unit of <see cref="ServiceKpis.Value(KpiKind)"/> (hours for first response).</summary>
    /// <param name="kind">The KPI.</param>
    /// <returns>The target, or null when the KPI has none.</returns>
    public KpiTarget? For(KpiKind kind) => kind switch
    {
        KpiKind.AverageFirstResponse => Make(kind, MaxAverageFirstResponse?.TotalHours, lowerIsBetter: true),
        KpiKind.FirstResponseWithinTarget => Make(kind, MinFirstResponseWithinTarget, lowerIsBetter: false),
        KpiKind.FirstContactResolution => Make(kind, MinFirstContactResolution, lowerIsBetter: false),
        KpiKind.ResolutionRate => Make(kind, MinResolutionRate, lowerIsBetter: false),
        KpiKind.RepeatContactRate => Make(kind, MaxRepeatContactRate, lowerIsBetter: true),
        KpiKind.SlaBreachRate => Make(kind, MaxSlaBreachRate, lowerIsBetter: true),
        KpiKind.CsatAverage => Make(kind, MinCsatAverage, lowerIsBetter: false),
        KpiKind.Nps => Make(kind, MinNps, lowerIsBetter: false),
        KpiKind.ChurnRate => Make(kind, MaxChurnRate, lowerIsBetter: true),
        _ => null,
    };

    /// <summary>Checks every target and lists all problems, in the language of <see cref="CultureInfo.CurrentUICulture"/> (see
    /// <see cref="Validate(CultureInfo?)"/>).</summary>
    /// <returns>The problems; empty when the targets are valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>
    /// Checks every target and lists all problems: rates from 0 to 1, CSAT from 1 to 5, NPS from −100 to 100, the average first
    /// response positive, per-channel targets on a well-known channel code or one of <see cref="HostChannels"/>, spelled exactly
    /// (<c>OnlineChat</c>, not <c>Onlinechat</c>), with 0 to 100,000 minutes, host channel codes not blank (the ranges <see cref="ReportTargetsJson"/> applies to a targets file). Not thread-safe while the targets
    /// are being changed.
    /// </summary>
    /// <param name="culture">The language of the messages: Simplified Chinese for zh-Hans (zh, zh-CN), English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, each naming the property, for example <c>Targets: 'MinCsatAverage' must be from 1 to 5, was 6.</c>;
    /// empty when the targets are valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        foreach (var range in ReportTargetsRanges.All)
        {
            if (range.Get(this) is { } value && range.Problem(range.Property, value, culture) is { } problem)
            {
                problems.Add(Strings.Format("Targets_Problem", culture, problem));
            }
        }

        foreach (var host in HostChannels.Order(StringComparer.Ordinal))
        {
            if (ReportTargetsJson.HostChannelProblem(host, nameof(HostChannels), culture) is { } bad)
            {
                problems.Add(Strings.Format("Targets_Problem", culture, bad));
            }
        }

        foreach (var (channel, limit) in MaxAverageFirstResponseByChannel.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (ReportTargetsJson.ChannelProblem(channel, HostChannels, nameof(HostChannels), culture) is { } unknown)
            {
                problems.Add(Strings.Format("Targets_Problem", culture, unknown));
            }
            else if (limit <= Duration.Zero || limit > Duration.FromMinutes(100_000))
            {
                problems.Add(Strings.Format("Targets_Problem", culture, Strings.Format("Targets_ChannelMinutes", culture, "MaxAverageFirstResponseByChannel", channel)));
            }
        }

        return problems;
    }

    private static KpiTarget? Make(KpiKind kind, double? value, bool lowerIsBetter) =>
        value is { } v ? new KpiTarget(kind, v, lowerIsBetter) : null;
}
