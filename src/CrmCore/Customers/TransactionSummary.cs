using System.Collections.ObjectModel;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// What the customer buys: first cooperation date, annual cooperation amount, products and order frequency. Tier rules read it.
/// Immutable and thread-safe; replace it as a whole with <see cref="Customer.UpdateTransactions"/>.
/// </summary>
public sealed class TransactionSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="firstCooperationOn">The date the cooperation began, or null when there is none yet.</param>
    /// <param name="annualAmount">The annual cooperation amount; not negative.</param>
    /// <param name="products">The products bought; blank entries are dropped, duplicates kept once, order kept. Default none.</param>
    /// <param name="ordersPerYear">The order frequency, or null when unknown; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount or the frequency is negative.</exception>
    public TransactionSummary(LocalDate? firstCooperationOn, Money annualAmount, IEnumerable<string>? products = null, int? ordersPerYear = null)
    {
        if (annualAmount.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(annualAmount), annualAmount, "The annual amount must not be negative.");
        }

        if (ordersPerYear is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ordersPerYear), ordersPerYear, "The order frequency must not be negative.");
        }

        FirstCooperationOn = firstCooperationOn;
        AnnualAmount = annualAmount;
        OrdersPerYear = ordersPerYear;
        Products = Distinct(products);
    }

    /// <summary>A summary with no cooperation yet: no date, 0 CNY, no products.</summary>
    public static TransactionSummary None { get; } = new(null, Money.Cny(0));

    /// <summary>The date the cooperation began, or null.</summary>
    public LocalDate? FirstCooperationOn { get; }

    /// <summary>The annual cooperation amount.</summary>
    public Money AnnualAmount { get; }

    /// <summary>The products bought, in the order given.</summary>
    public IReadOnlyList<string> Products { get; }

    /// <summary>Orders per year, or null when unknown.</summary>
    public int? OrdersPerYear { get; }

    /// <summary>The trimmed, non-blank products, each once, in order, read-only. A loop rather than LINQ's <c>Distinct</c>: an import
    /// builds one summary per row and most lists hold one or two products; long lists switch to a hash set. The products are kept in
    /// one array of their count (no list object), and a summary without products shares the one empty collection.</summary>
    private static ReadOnlyCollection<string> Distinct(IEnumerable<string>? products)
    {
        // Indexed: a list's enumerator, boxed behind the interface, would cost an object per summary.
        var list = products as IReadOnlyList<string> ?? [.. products ?? []];
        if (list.Count == 0)
        {
            return ReadOnlyCollection<string>.Empty;
        }

        var kept = new string[list.Count];
        var count = 0;
        HashSet<string>? seen = null;
        for (var i = 0; i < list.Count; i++)
        {
            var product = list[i];
            if (string.IsNullOrWhiteSpace(product))
            {
                continue;
            }

            var trimmed = product.Trim();
            if (seen is null && count >= 8)
            {
                seen = new HashSet<string>(new ArraySegment<string>(kept, 0, count), StringComparer.Ordinal);
            }

            if (seen is not null ? seen.Add(trimmed) : Array.IndexOf(kept, trimmed, 0, count) < 0)
            {
                kept[count++] = trimmed;
            }
        }

        if (count == 0)
        {
            return ReadOnlyCollection<string>.Empty;
        }

        if (count < kept.Length)
        {
            Array.Resize(ref kept, count);
        }

        return new ReadOnlyCollection<string>(kept);
    }
}
