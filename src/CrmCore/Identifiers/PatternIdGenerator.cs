using NodaTime;

namespace CrmCore.Identifiers;

/// <summary>
/// Issues ids from an <see cref="IdPattern"/>: the period is today's date in the configured time zone (read from the injected
/// <see cref="IClock"/>), and the sequence starts at 1 in each period. Thread-safe: concurrent calls to <see cref="Next"/> never
/// return the same id. Running out of numbers throws <see cref="IdSequenceExhaustedException"/>; it never wraps around.
/// Sequences live in memory (one counter per period seen): a host that restarts calls <see cref="Seed(string)"/> with the last id it issued.
/// </summary>
/// <typeparam name="TId">The id type.</typeparam>
public sealed class PatternIdGenerator<TId> : IIdGenerator<TId>
{
    private readonly IClock clock;
    private readonly DateTimeZone zone;
    private readonly Func<string, TId> create;
    private readonly Dictionary<string, long> lastUsed = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Creates a generator.</summary>
    /// <param name="pattern">The parsed pattern.</param>
    /// <param name="clock">The clock that gives the current period.</param>
    /// <param name="zone">The time zone in which the period's date is taken (for example <c>Asia/Shanghai</c>).</param>
    /// <param name="create">Wraps the id text in <typeparamref name="TId"/>, for example <c>s =&gt; new CustomerId(s)</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PatternIdGenerator(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(create);
        Pattern = pattern;
        this.clock = clock;
        this.zone = zone;
        this.create = create;
    }

    /// <summary>The pattern ids follow.</summary>
    public IdPattern Pattern { get; }

    /// <inheritdoc />
    /// <exception cref="IdSequenceExhaustedException">Every sequence number of the current period is used.</exception>
    public TId Next()
    {
        var date = clock.GetCurrentInstant().InZone(zone).Date;
        var period = Pattern.PeriodOf(date);
        long sequence;
        lock (gate)
        {
            lastUsed.TryGetValue(period, out var last);
            if (last >= Pattern.MaxSequence)
            {
                throw new IdSequenceExhaustedException(Pattern.Text, period, Pattern.MaxSequence);
            }

            sequence = last + 1;
            lastUsed[period] = sequence;
        }

        return create(Pattern.Format(date, sequence));
    }

    /// <summary>
    /// Continues after a restart: the next id of the seeded id's period gets a higher sequence number. Seeding never moves a sequence
    /// backwards (an older id is ignored), so seeding with every stored id in any order is safe.
    /// </summary>
    /// <param name="lastIssuedId">An id issued earlier with the same pattern, for example <c>C202405017</c>.</param>
    /// <exception cref="ArgumentException">The id does not fit the pattern.</exception>
    public void Seed(string lastIssuedId)
    {
        if (!Pattern.TryMatch(lastIssuedId, out var period, out var sequence))
        {
            throw new ArgumentException($"'{lastIssuedId}' does not fit the id pattern '{Pattern.Text}'.", nameof(lastIssuedId));
        }

        SeedCore(period, sequence);
    }

    /// <summary>Sets the last used sequence number of the period that contains <paramref name="date"/>, unless a higher one is already used.</summary>
    /// <param name="date">Any date of the period.</param>
    /// <param name="lastSequence">The last sequence number used, 0 to <see cref="IdPattern.MaxSequence"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastSequence"/> is out of range.</exception>
    public void Seed(LocalDate date, long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastSequence, Pattern.MaxSequence);
        SeedCore(Pattern.PeriodOf(date), lastSequence);
    }

    private void SeedCore(string period, long sequence)
    {
        lock (gate)
        {
            lastUsed.TryGetValue(period, out var last);
            lastUsed[period] = Math.Max(last, sequence);
        }
    }
}
