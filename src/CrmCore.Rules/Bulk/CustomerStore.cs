using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// A compact, columnar (struct-of-arrays) store of customer facts for bulk tagging and tiering: one array per fact, strings interned
/// to ids (<see cref="Strings"/>), current tags as a 64-bit mask over <see cref="CurrentTags"/>, and the latest classification of
/// every row. A row takes <see cref="BytesPerCustomer"/> bytes (strings excluded). Every <see cref="Add"/> or <see cref="Set"/> marks
/// the row dirty so that <see cref="BulkClassifier.ClassifyChanged"/> re-evaluates only changed rows.
/// Not thread-safe: do not add or replace rows while another thread reads the store or a classification runs on it.
/// </summary>
public sealed class CustomerStore
{
    private readonly CustomerColumns _columns = new();
    private int _count;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Rows to reserve up front. Default 1024; the store grows by doubling.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public CustomerStore(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _columns.Grow(Math.Max(64, capacity));
    }

    /// <summary>Bytes per customer in the columns, strings excluded (facts, current tags, latest tag mask and tier), plus one dirty bit.</summary>
    public static int BytesPerCustomer => CustomerColumns.BytesPerRow;

    /// <summary>The number of rows.</summary>
    public int Count => _count;

    /// <summary>The rows reserved before the store grows again.</summary>
    public int Capacity => _columns.Capacity;

    /// <summary>The interned strings of the string facts (industry, region, tier, size, source channel); one table for all of them.</summary>
    internal InternTable Strings { get; } = new(int.MaxValue);

    /// <summary>The interned names of the customers' current tags (<see cref="CustomerFactsInput.Tags"/>); at most 64 distinct names.</summary>
    internal InternTable CurrentTags { get; } = new(64);

    /// <summary>The number of rows changed since they were last classified.</summary>
    public int DirtyCount
    {
        get
        {
            var n = 0;
            foreach (var w in _columns.Dirty)
            {
                n += System.Numerics.BitOperations.PopCount(w);
            }

            return n;
        }
    }

    /// <summary>The tag masks of the latest classification, by row (over <see cref="RuleSet.Tags"/> of the classifier that ran).</summary>
    public ReadOnlySpan<ulong> TagMasks => _columns.ResultMasks.AsSpan(0, _count);

    /// <summary>The tier indexes of the latest classification, by row (into <see cref="RuleSet.Tiers"/>; -1 for none or not yet run).</summary>
    public ReadOnlySpan<short> TierIndexes => _columns.ResultTiers.AsSpan(0, _count);

    /// <summary>The classifier whose results <see cref="TagMasks"/> and <see cref="TierIndexes"/> hold; null before the first run.</summary>
    public BulkClassifier? ClassifiedBy { get; internal set; }

    /// <summary>The instant of the latest classification run.</summary>
    public Instant ClassifiedAt { get; internal set; }

    /// <summary>The time zone of the latest classification run; null before the first run.</summary>
    public DateTimeZone? ClassifiedInZone { get; internal set; }

    internal CustomerColumns Columns => _columns;

    /// <summary>Appends a customer and marks it dirty. Allocates only when the store grows or a string or tag is new.</summary>
    /// <param name="input">The customer's facts. Instants are kept to the tick (100 ns).</param>
    /// <returns>The new row index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar, or the store would hold more than 64 distinct current tags; nothing was changed.</exception>
    public int Add(CustomerFactsInput input)
    {
        Validate(input);
        if (_count == _columns.Capacity)
        {
            _columns.Grow(_columns.Capacity * 2);
        }

        Write(_count, input);
        return _count++;
    }

    /// <summary>Replaces a customer's facts and marks the row dirty.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <param name="input">The new facts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Add"/>; nothing was changed.</exception>
    public void Set(int row, CustomerFactsInput input)
    {
        CheckRow(row);
        Validate(input);
        Write(row, input);
    }

    /// <summary>Marks a row dirty without changing it (for example after the host changed something the store derives from).</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public void MarkDirty(int row)
    {
        CheckRow(row);
        _columns.Dirty[row >> 6] |= 1UL << row;
    }

    /// <summary>The latest classification of one row.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <returns>The tag mask and tier index (-1 tier before the row was first classified).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public CustomerClassification GetClassification(int row)
    {
        CheckRow(row);
        return new CustomerClassification(_columns.ResultMasks[row], _columns.ResultTiers[row]);
    }

    /// <summary>Rebuilds the input of one row (strings and tags resolved from the intern tables). Allocates.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <returns>The facts as stored (instants truncated to the tick).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public CustomerFactsInput GetInput(int row)
    {
        CheckRow(row);
        var c = _columns;
        var flags = c.Flags[row];
        var tags = new List<string>();
        for (var bits = c.Tags[row]; bits != 0; bits &= bits - 1)
        {
            tags.Add(CurrentTags.NameOf(System.Numerics.BitOperations.TrailingZeroCount(bits)));
        }

        return new CustomerFactsInput
        {
            AnnualRevenue = c.AnnualRevenue[row],
            Industry = Strings.NameOf(c.Industry[row]),
            Region = Strings.NameOf(c.Region[row]),
            Tier = Strings.NameOf(c.Tier[row]),
            Size = Strings.NameOf(c.Size[row]),
            Employees = c.Employees[row],
            SourceChannel = Strings.NameOf(c.SourceChannel[row]),
            Tags = tags,
            ComplaintsLast60Days = c.ComplaintsLast60Days[row],
            ComplaintsPrev60Days = c.ComplaintsPrev60Days[row],
            ConsultationsLast60Days = c.ConsultationsLast60Days[row],
            ConsultationsPrev60Days = c.ConsultationsPrev60Days[row],
            UnresolvedComplaints = c.UnresolvedComplaints[row],
            OpenTicketCount = c.OpenTicketCount[row],
            LastInteractionAt = (flags & CustomerColumns.HasLastInteraction) != 0 ? Instant.FromUnixTimeTicks(c.LastInteractionTicks[row]) : null,
            FirstCooperationOn = (flags & CustomerColumns.HasFirstCooperation) != 0 ? c.FirstCooperation[row] : null,
            CsatAverage = (flags & CustomerColumns.HasCsat) != 0 ? c.CsatAverage[row] : null,
            ContractEndsOn = (flags & CustomerColumns.HasContractEnd) != 0 ? FromDayNumber(c.ContractEndDay[row]) : null,
            TierDowngradedOn = (flags & CustomerColumns.HasTierDowngrade) != 0 ? FromDayNumber(c.TierDowngradeDay[row]) : null,
            DoNotContact = (flags & CustomerColumns.DoNotContact) != 0,
        };
    }

    /// <summary>Clears every dirty bit (called after a full run).</summary>
    internal void ClearDirty() => Array.Clear(_columns.Dirty);

    private static LocalDate FromDayNumber(int days) => new LocalDate(1970, 1, 1).PlusDays(days);

    private static void CheckIso(LocalDate? date, string name)
    {
        if (date is { } d && d.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"`{name}` must be an ISO calendar date; got the {d.Calendar.Id} calendar.", nameof(CustomerFactsInput));
        }
    }

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _count);
    }

    private void Validate(CustomerFactsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckIso(input.FirstCooperationOn, nameof(input.FirstCooperationOn));
        CheckIso(input.ContractEndsOn, nameof(input.ContractEndsOn));
        CheckIso(input.TierDowngradedOn, nameof(input.TierDowngradedOn));
        if (input.Tags is null)
        {
            throw new ArgumentException("`Tags` must not be null; use an empty list.", nameof(input));
        }

        var missing = CurrentTags.CountMissing(input.Tags);
        if (CurrentTags.Count + missing > CurrentTags.MaxCount)
        {
            throw new ArgumentException(
                $"The store holds at most {CurrentTags.MaxCount} distinct current tags; it has {CurrentTags.Count} and this customer adds {missing} new ones.",
                nameof(input));
        }
    }

    private void Write(int row, CustomerFactsInput input)
    {
        var c = _columns;
        c.AnnualRevenue[row] = input.AnnualRevenue;
        c.Industry[row] = Strings.GetOrAdd(input.Industry ?? string.Empty);
        c.Region[row] = Strings.GetOrAdd(input.Region ?? string.Empty);
        c.Tier[row] = Strings.GetOrAdd(input.Tier ?? string.Empty);
        c.Size[row] = Strings.GetOrAdd(input.Size ?? string.Empty);
        c.SourceChannel[row] = Strings.GetOrAdd(input.SourceChannel ?? string.Empty);
        c.Employees[row] = input.Employees;
        ulong tags = 0;
        var list = input.Tags;
        for (var i = 0; i < list.Count; i++)
        {
            if (!string.IsNullOrEmpty(list[i]))
            {
                tags |= 1UL << CurrentTags.GetOrAdd(list[i]);
            }
        }

        c.Tags[row] = tags;
        c.ComplaintsLast60Days[row] = input.ComplaintsLast60Days;
        c.ComplaintsPrev60Days[row] = input.ComplaintsPrev60Days;
        c.ConsultationsLast60Days[row] = input.ConsultationsLast60Days;
        c.ConsultationsPrev60Days[row] = input.ConsultationsPrev60Days;
        c.UnresolvedComplaints[row] = input.UnresolvedComplaints;
        c.OpenTicketCount[row] = input.OpenTicketCount;
        c.LastInteractionTicks[row] = input.LastInteractionAt?.ToUnixTimeTicks() ?? 0;
        byte flags = input.LastInteractionAt is null ? (byte)0 : CustomerColumns.HasLastInteraction;
        c.FirstCooperation[row] = input.FirstCooperationOn ?? default;
        flags |= input.FirstCooperationOn is null ? (byte)0 : CustomerColumns.HasFirstCooperation;
        c.CsatAverage[row] = input.CsatAverage ?? 0m;
        flags |= input.CsatAverage is null ? (byte)0 : CustomerColumns.HasCsat;
        c.ContractEndDay[row] = input.ContractEndsOn is { } end ? BulkDates.DayNumber(end) : 0;
        flags |= input.ContractEndsOn is null ? (byte)0 : CustomerColumns.HasContractEnd;
        c.TierDowngradeDay[row] = input.TierDowngradedOn is { } down ? BulkDates.DayNumber(down) : 0;
        flags |= input.TierDowngradedOn is null ? (byte)0 : CustomerColumns.HasTierDowngrade;
        flags |= input.DoNotContact ? CustomerColumns.DoNotContact : (byte)0;
        c.Flags[row] = flags;
        c.Dirty[row >> 6] |= 1UL << row;
    }
}
