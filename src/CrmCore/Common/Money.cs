using System.Globalization;

namespace CrmCore;

/// <summary>
/// An amount of money in one currency: a <see cref="decimal"/> plus an ISO 4217 currency code (default <c>CNY</c>).
/// Arithmetic and comparison never mix currencies: combining two amounts in different currencies throws.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>The currency used when none is given: <c>CNY</c> (Chinese yuan).</summary>
    public const string DefaultCurrency = "CNY";

    /// <summary>Creates an amount in the default currency, <c>CNY</c>.</summary>
    /// <param name="amount">The amount; any decimal, including negative values (refunds).</param>
    public Money(decimal amount)
        : this(amount, DefaultCurrency)
    {
    }

    /// <summary>Creates an amount in the given currency.</summary>
    /// <param name="amount">The amount; any decimal, including negative values (refunds).</param>
    /// <param name="currency">An ISO 4217 code: exactly three ASCII letters, upper-cased here (<c>cny</c> becomes <c>CNY</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three ASCII letters.</exception>
    public Money(decimal amount, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);

        // The default currency (every Money.Cny, one per imported row) is known good: no check, no upper-casing.
        if (ReferenceEquals(currency, DefaultCurrency))
        {
            Amount = amount;
            Currency = currency;
            return;
        }

        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"A currency is an ISO 4217 code of three letters, not '{currency}'.", nameof(currency));
        }

        Amount = amount;
        Currency = currency.ToUpperInvariant();
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 currency code; <c>CNY</c> for the default instance.</summary>
    public string Currency { get => field ?? DefaultCurrency; }

    /// <summary>Creates an amount in Chinese yuan.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>The amount in <c>CNY</c>.</returns>
    public static Money Cny(decimal amount) => new(amount, DefaultCurrency);

    /// <summary>Adds two amounts in the same currency.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(other);
        return new Money(Amount + other.Amount, Currency);
    }

    /// <summary>Subtracts an amount in the same currency.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public Money Subtract(Money other)
    {
        RequireSameCurrency(other);
        return new Money(Amount - other.Amount, Currency);
    }

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The comparison of the amounts.</returns>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        RequireSameCurrency(other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>Adds two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) => left.Add(right);

    /// <summary>Subtracts two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right) => left.Subtract(right);

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two amounts in the same currency.</summary>
    /// <exception cref="ArgumentException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Equal when amount and currency are equal (the default instance equals 0 CNY). 1.0 CNY equals 1.00 CNY.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>Whether both are equal.</returns>
    public bool Equals(Money other) => Amount == other.Amount && string.Equals(Currency, other.Currency, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Amount, StringComparer.Ordinal.GetHashCode(Currency));

    /// <summary>Formats as <c>123456.78 CNY</c> with the invariant culture.</summary>
    /// <returns>The amount and currency.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");

    private void RequireSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot combine {Currency} with {other.Currency}: convert first.", nameof(other));
        }
    }
}
