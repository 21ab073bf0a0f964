using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// When a customer relationship began and, if it did, when the customer was lost: the input of the monthly churn rate.
/// Flat and primitive-typed like <see cref="ServiceRecord"/>. Immutable.
/// </summary>
public sealed record CustomerLifecycle
{
    /// <summary>The customer id. Required, not empty.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The first day the customer was a customer.</summary>
    public required LocalDate Since { get; init; }

    /// <summary>The day the customer was lost (stopped being a customer); null while still a customer. Not before <see cref="Since"/>.</summary>
    public LocalDate? LostOn { get; init; }

    /// <summary>The team that serves the customer. Default empty.</summary>
    public string Team { get; init; } = string.Empty;

    /// <summary>The account manager (the agent slice for churn). Default empty.</summary>
    public string Agent { get; init; } = string.Empty;

    /// <summary>The customer's value tier. Default empty.</summary>
    public string Tier { get; init; } = string.Empty;

    /// <summary>The customer's region. Default empty.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>True when the customer was a customer at the start of <paramref name="month"/> (began before it, not lost before it).</summary>
    /// <param name="month">The month.</param>
    /// <returns>Whether the customer counts in the month's starting base.</returns>
    public bool IsActiveAtStartOf(YearMonth month)
    {
        var first = month.OnDayOfMonth(1);
        return Since < first && (LostOn is null || LostOn.Value >= first);
    }

    /// <summary>True when the customer was in the month's starting base and was lost during the month.</summary>
    /// <param name="month">The month.</param>
    /// <returns>Whether the customer counts as lost in the month.</returns>
    public bool IsLostIn(YearMonth month) =>
        IsActiveAtStartOf(month) && LostOn is { } lost && lost.Year == month.Year && lost.Month == month.Month;

    /// <summary>Lists everything wrong with the record, in the language of <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    /// <returns>The problems, each naming the customer; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>Lists everything wrong with the record: the id not empty, <see cref="LostOn"/> not before <see cref="Since"/>.</summary>
    /// <param name="culture">The language: Simplified Chinese for zh-Hans (zh, zh-CN), English otherwise; null means
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, each naming the customer and the field; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(CustomerId))
        {
            problems.Add(Strings.Format("Lifecycle_NoCustomerId", culture));
        }

        if (LostOn < Since)
        {
            problems.Add(Strings.Format("Lifecycle_LostBeforeSince", culture, CustomerId, Date(LostOn.Value), Date(Since)));
        }

        return problems;
    }

    private static string Date(LocalDate date) => date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);
}
