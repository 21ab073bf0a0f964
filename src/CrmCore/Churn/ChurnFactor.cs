namespace CrmCore.Churn;

/// <summary>
/// One weighted reason why a customer may leave, as produced by the ChurnRisk rules (for example "complaints doubled over the
/// last 2 months": 30 points). Immutable.
/// </summary>
public sealed record ChurnFactor
{
    /// <summary>Creates a factor.</summary>
    /// <param name="name">A stable name such as <c>ComplaintSpike</c>; not empty.</param>
    /// <param name="points">The weight; a finite number, negative for a protective factor.</param>
    /// <param name="reason">The reason in English; not empty.</param>
    /// <param name="reasonZhHans">The reason in simplified Chinese; null or empty when there is none (English is used).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="reason"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is NaN or infinite.</exception>
    public ChurnFactor(string name, double points, string reason, string? reasonZhHans = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!double.IsFinite(points))
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "Churn factor points must be a finite number.");
        }

        Name = name;
        Points = points;
        Reason = reason;
        ReasonZhHans = string.IsNullOrWhiteSpace(reasonZhHans) ? null : reasonZhHans;
    }

    /// <summary>The stable name of the factor.</summary>
    public string Name { get; }

    /// <summary>The weight of the factor; negative for a protective factor.</summary>
    public double Points { get; }

    /// <summary>The reason in English.</summary>
    public string Reason { get; }

    /// <summary>The reason in simplified Chinese, or null when there is none.</summary>
    public string? ReasonZhHans { get; }

    /// <summary>
    /// The reason in the language of a culture: simplified Chinese for Simplified Chinese cultures (zh, zh-CN, zh-SG, zh-Hans; see
    /// <see cref="Localization.TextCultures"/>) when available, else English.
    /// </summary>
    /// <param name="culture">The culture; null means <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The reason text.</returns>
    public string ReasonFor(System.Globalization.CultureInfo? culture = null)
    {
        return ReasonZhHans is not null && Localization.TextCultures.IsSimplifiedChinese(culture) ? ReasonZhHans : Reason;
    }
}
