using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// A compact, columnar (struct-of-arrays) store of customer facts for bulk tagging and tiering: one array per fact in chunks of
/// 4,096 rows, amounts and dates as integer codes, strings interned to ids (<see cref="Strings"/>), current tags as a 64-bit mask over
/// <see cref="CurrentTags"/>, and the latest classification of every row. A row takes <see cref="BytesPerCustomer"/> bytes (strings
/// excluded); growth never copies a full chunk and wastes at most part of the last one. Every <see cref="Add"/> or <see cref="Set"/>
/// marks the row dirty so that <see cref="BulkClassifier.ClassifyChanged"/> re-evaluates only changed rows.
/// Not thread-safe: do not add or replace rows while another thread reads the store or a classification runs on it.
/// </summary>
public sealed class CustomerStore
{
    private readonly CustomerColumns _columns;
    private int _count;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Rows to reserve up front. Default 1024. The store grows in chunks of 4,096 rows (the last chunk by doubling), so it needs no presizing.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public CustomerStore(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _columns = new CustomerColumns(capacity);
    }

    /// <summary>
    /// Bytes per customer in the columns, strings excluded (facts, current tags, latest tag mask and tier), plus one dirty bit. Revenues
    /// with more than two decimals (or beyond 10^16 CNY) are also kept exactly beside the columns.
    /// </summary>
    public static int BytesPerCustomer => CustomerChunk.BytesPerRow;

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
            for (var c = 0; c < _columns.ChunkCount; c++)
            {
                foreach (var w in _columns.Chunks[c].Dirty)
                {
                    n += System.Numerics.BitOperations.PopCount(w);
                }
            }

            return n;
        }
    }

    /// <summary>The tag masks of the latest classification, by row (over <see cref="RuleSet.Tags"/> of the classifier that ran). A live view, not a copy.</summary>
    public IReadOnlyList<ulong> TagMasks => new ResultView<ulong>(this, static (chunk, row) => chunk.ResultMasks[row]);

    /// <summary>The tier indexes of the latest classification, by row (into <see cref="RuleSet.Tiers"/>; -1 for none or not yet run). A live view, not a copy.</summary>
    public IReadOnlyList<short> TierIndexes => new ResultView<short>(this, static (chunk, row) => chunk.ResultTiers[row]);

    /// <summary>The classifier whose results <see cref="TagMasks"/> and <see cref="TierIndexes"/> hold; null before the first run.</summary>
    public BulkClassifier? ClassifiedBy { get; internal set; }

    /// <summary>The instant of the latest classification run.</summary>
    public Instant ClassifiedAt { get; internal set; }

    /// <summary>The time zone of the latest classification run; null before the first run.</summary>
    public DateTimeZone? ClassifiedInZone { get; internal set; }

    internal CustomerColumns Columns => _columns;

    /// <summary>Appends a customer and marks it dirty. Allocates only when the store grows or a string or tag is new.</summary>
    /// <param name="input">The customer's facts. The last interaction is kept to the nanosecond.</param>
    /// <returns>The new row index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar, or the store would hold more than 64 distinct current tags; nothing was changed.</exception>
    public int Add(CustomerFactsInput input)
    {
        Validate(input);
        if (_count == _columns.Capacity)
        {
            _columns.EnsureCapacity(_count + 1);
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
        var local = CustomerColumns.Local(row);
        _columns.ChunkOf(row).Dirty[local >> 6] |= 1UL << local;
    }

    /// <summary>The latest classification of one row.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <returns>The tag mask and tier index (-1 tier before the row was first classified).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public CustomerClassification GetClassification(int row)
    {
        CheckRow(row);
        var chunk = _columns.ChunkOf(row);
        var local = CustomerColumns.Local(row);
        return new CustomerClassification(chunk.ResultMasks[local], chunk.ResultTiers[local]);
    }

    /// <summary>Rebuilds the input of one row (strings and tags resolved from the intern tables). Allocates.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <returns>The facts as stored, the last interaction to the nanosecond; current tags without empty names or duplicates.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public CustomerFactsInput GetInput(int row)
    {
        CheckRow(row);
        var c = _columns.ChunkOf(row);
        var i = CustomerColumns.Local(row);
        var flags = c.Flags[i];
        var tags = new List<string>();
        for (var bits = c.Tags[i]; bits != 0; bits &= bits - 1)
        {
            tags.Add(CurrentTags.NameOf(System.Numerics.BitOperations.TrailingZeroCount(bits)));
        }

        return new CustomerFactsInput
        {
            AnnualRevenue = c.Revenue(i),
            Industry = Strings.NameOf(c.Industry[i]),
            Region = Strings.NameOf(c.Region[i]),
            Tier = Strings.NameOf(c.Tier[i]),
            Size = Strings.NameOf(c.Size[i]),
            Employees = c.Employees[i],
            SourceChannel = Strings.NameOf(c.SourceChannel[i]),
            Tags = tags,
            ComplaintsLast60Days = c.ComplaintsLast60Days[i],
            ComplaintsPrev60Days = c.ComplaintsPrev60Days[i],
            ConsultationsLast60Days = c.ConsultationsLast60Days[i],
            ConsultationsPrev60Days = c.ConsultationsPrev60Days[i],
            UnresolvedComplaints = c.UnresolvedComplaints[i],
            OpenTicketCount = c.OpenTicketCount[i],
            LastInteractionAt = (flags & CustomerColumns.HasLastInteraction) != 0 ? BulkDates.Interaction(c.LastInteractionTicks[i], c.LastInteractionNanoseconds[i]) : null,
            FirstCooperationOn = (flags & CustomerColumns.HasFirstCooperation) != 0 ? ColumnCodes.FromMonthKey(c.FirstCooperationKey[i]) : null,
            CsatAverage = (flags & CustomerColumns.HasCsat) != 0 ? c.CsatAverage[i] : null,
            ContractEndsOn = (flags & CustomerColumns.HasContractEnd) != 0 ? ColumnCodes.FromDayNumber(c.ContractEndDay[i]) : null,
            TierDowngradedOn = (flags & CustomerColumns.HasTierDowngrade) != 0 ? ColumnCodes.FromDayNumber(c.TierDowngradeDay[i]) : null,
            DoNotContact = (flags & CustomerColumns.DoNotContact) != 0,
        };
    }

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
        var c = _columns.ChunkOf(row);
        var i = CustomerColumns.Local(row);
        c.RevenueCode[i] = ColumnCodes.Money(input.AnnualRevenue, out var scale);
        if (scale == CustomerColumns.RevenueInExceptions)
        {
            (c.ExactRevenue ??= [])[i] = input.AnnualRevenue;
        }
        else
        {
            c.ExactRevenue?.Remove(i);
        }

        c.Industry[i] = Strings.GetOrAdd(input.Industry ?? string.Empty);
        c.Region[i] = Strings.GetOrAdd(input.Region ?? string.Empty);
        c.Tier[i] = Strings.GetOrAdd(input.Tier ?? string.Empty);
        c.Size[i] = Strings.GetOrAdd(input.Size ?? string.Empty);
        c.SourceChannel[i] = Strings.GetOrAdd(input.SourceChannel ?? string.Empty);
        c.Employees[i] = input.Employees;
        ulong tags = 0;
        var list = input.Tags;
        for (var t = 0; t < list.Count; t++)
        {
            if (!string.IsNullOrEmpty(list[t]))
            {
                tags |= 1UL << CurrentTags.GetOrAdd(list[t]);
            }
        }

        c.Tags[i] = tags;
        c.ComplaintsLast60Days[i] = input.ComplaintsLast60Days;
        c.ComplaintsPrev60Days[i] = input.ComplaintsPrev60Days;
        c.ConsultationsLast60Days[i] = input.ConsultationsLast60Days;
        c.ConsultationsPrev60Days[i] = input.ConsultationsPrev60Days;
        c.UnresolvedComplaints[i] = input.UnresolvedComplaints;
        c.OpenTicketCount[i] = input.OpenTicketCount;
        var lastTicks = input.LastInteractionAt is { } last ? BulkDates.InteractionTicks(last) : 0;
        c.LastInteractionTicks[i] = lastTicks;
        c.LastInteractionNanoseconds[i] = input.LastInteractionAt is { } exact ? BulkDates.InteractionNanoseconds(exact, lastTicks) : (sbyte)0;
        var flags = (byte)(scale << CustomerColumns.RevenueScaleShift);
        flags |= input.LastInteractionAt is null ? (byte)0 : CustomerColumns.HasLastInteraction;
        c.FirstCooperationKey[i] = input.FirstCooperationOn is { } first ? ColumnCodes.MonthKey(first) : 0;
        flags |= input.FirstCooperationOn is null ? (byte)0 : CustomerColumns.HasFirstCooperation;
        c.CsatAverage[i] = input.CsatAverage ?? 0m;
        c.CsatCode[i] = input.CsatAverage is { } csat ? ColumnCodes.Csat(csat) : 0;
        flags |= input.CsatAverage is null ? (byte)0 : CustomerColumns.HasCsat;
        c.ContractEndDay[i] = input.ContractEndsOn is { } end ? BulkDates.DayNumber(end) : 0;
        flags |= input.ContractEndsOn is null ? (byte)0 : CustomerColumns.HasContractEnd;
        c.TierDowngradeDay[i] = input.TierDowngradedOn is { } down ? BulkDates.DayNumber(down) : 0;
        flags |= input.TierDowngradedOn is null ? (byte)0 : CustomerColumns.HasTierDowngrade;
        flags |= input.DoNotContact ? CustomerColumns.DoNotContact : (byte)0;
        c.Flags[i] = flags;
        c.Dirty[i >> 6] |= 1UL << i;
    }

    /// <summary>A live read-only view of one result column across the chunks.</summary>
    private sealed class ResultView<T>(CustomerStore store, Func<CustomerChunk, int, T> read) : IReadOnlyList<T>
    {
        private readonly int _count = store._count;

        public int Count => _count;

        public T this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
                return read(store._columns.ChunkOf(index), CustomerColumns.Local(index));
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < _count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
