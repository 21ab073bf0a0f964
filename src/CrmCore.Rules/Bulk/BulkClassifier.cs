using System.Numerics;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// Tiers and tags every customer of a <see cref="CustomerStore"/> with the Tagging and Tiering workflows of a <see cref="RuleSet"/>,
/// giving exactly the results of <see cref="RuleSet.Classify"/> (including its rule that a rule which throws does not hold). The rule bodies are compiled once into a loop over the store's
/// columns (<see cref="IsColumnar"/>), which allocates nothing per customer; a rule set the column compiler cannot rewrite (for example
/// one enumerating <c>customer.Tags</c>) still works through re-pointed <see cref="CustomerFacts"/>, which allocates per customer.
/// Results land in the store (<see cref="CustomerStore.TagMasks"/>, <see cref="CustomerStore.TierIndexes"/>).
/// Immutable and thread-safe; runs on one store must not overlap each other or writes to that store.
/// </summary>
public sealed class BulkClassifier
{
    /// <summary>Rows per parallel work item (a multiple of 64, so that work items own whole dirty-bit words).</summary>
    private const int ChunkRows = 16_384;

    private readonly Action<CustomerColumns, RunContext, int, int>? _kernel;
    private readonly Action<CustomerColumns, RunContext, int, int>? _guardedKernel;
    private readonly string[] _stringLiterals;
    private readonly string[] _tagLiterals;

    /// <summary>Compiles the Tagging and Tiering workflows of a rule set for bulk runs.</summary>
    /// <param name="ruleSet">A loaded rule set; its other workflows are ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    /// <exception cref="ArgumentException">The rule set has more than 32,767 tiers.</exception>
    public BulkClassifier(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        if (ruleSet.Tiers.Count > short.MaxValue)
        {
            throw new ArgumentException($"At most {short.MaxValue} tiers are supported in bulk runs.", nameof(ruleSet));
        }

        RuleSet = ruleSet;
        var tiers = ruleSet.Tiers.ToList();
        var tagging = new List<(int, System.Linq.Expressions.Expression, string)>();
        var tiering = new List<(int, System.Linq.Expressions.Expression, string)>();
        foreach (var wf in ruleSet.CustomerWorkflows)
        {
            foreach (var rule in wf.Rules)
            {
                if (wf.Kind == WorkflowKind.Tagging)
                {
                    ruleSet.Tags.TryGetId(rule.SuccessEvent!, out var id);
                    tagging.Add((id, rule.Body, rule.Name));
                }
                else if (wf.Kind == WorkflowKind.Tiering)
                {
                    tiering.Add((tiers.IndexOf(rule.SuccessEvent!), rule.Body, rule.Name));
                }
            }
        }

        var compiler = new ColumnKernelCompiler();
        _kernel = compiler.Compile(tagging, tiering, Compilation.RuleSetCompiler.CustomerParameter, guarded: false);
        _guardedKernel = _kernel is null ? null : new ColumnKernelCompiler().Compile(tagging, tiering, Compilation.RuleSetCompiler.CustomerParameter, guarded: true);
        _stringLiterals = [.. compiler.StringLiterals];
        _tagLiterals = [.. compiler.TagLiterals];
        ReadsTimeDerivedFacts = compiler.ReadsTime || _kernel is null;
        NotColumnarBecause = compiler.Unsupported;
    }

    /// <summary>The rule set.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>True when the rules run as one compiled loop over the columns (no allocation per customer).</summary>
    public bool IsColumnar => _kernel is not null;

    /// <summary>Why the rules do not run over the columns; empty when <see cref="IsColumnar"/>.</summary>
    public IReadOnlyList<string> NotColumnarBecause { get; }

    /// <summary>
    /// True when a tagging or tiering rule reads a time-derived fact (days since the last interaction, months since the first
    /// cooperation, days to the contract end, days since a downgrade): then <see cref="ClassifyChanged"/> with a new "now" is a full run.
    /// </summary>
    public bool ReadsTimeDerivedFacts { get; }

    /// <summary>Classifies every customer of the store.</summary>
    /// <param name="store">The store; its results and dirty bits are updated.</param>
    /// <param name="now">The instant the time-derived facts are computed from (from the injected clock).</param>
    /// <param name="zone">The time zone that defines "today".</param>
    /// <param name="parallel">True to spread the rows over all cores with <see cref="Parallel"/>. Default false.</param>
    /// <returns>How many customers were evaluated (all of them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="zone"/> is null.</exception>
    public BulkRunResult ClassifyAll(CustomerStore store, Instant now, DateTimeZone zone, bool parallel = false)
        => Run(store, now, zone, full: true, parallel);

    /// <summary>
    /// Classifies only the customers added or changed since the store was last classified, keeping the other results. It evaluates
    /// everyone when the store was last classified by another classifier, or when <see cref="ReadsTimeDerivedFacts"/> and
    /// <paramref name="now"/> or <paramref name="zone"/> differ from the last run (every time-derived fact may have moved): hosts that
    /// want cheap intraday runs with time-derived rules classify against a fixed "as of" instant, such as the start of the day.
    /// </summary>
    /// <param name="store">The store; its results and dirty bits are updated.</param>
    /// <param name="now">The instant the time-derived facts are computed from.</param>
    /// <param name="zone">The time zone that defines "today".</param>
    /// <param name="parallel">True to spread the rows over all cores. Default false.</param>
    /// <returns>How many customers were evaluated and whether it was a full run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="zone"/> is null.</exception>
    public BulkRunResult ClassifyChanged(CustomerStore store, Instant now, DateTimeZone zone, bool parallel = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(zone);
        var full = store.ClassifiedBy != this
            || (ReadsTimeDerivedFacts && (store.ClassifiedAt != now || !ReferenceEquals(store.ClassifiedInZone, zone)));
        return Run(store, now, zone, full, parallel);
    }

    private BulkRunResult Run(CustomerStore store, Instant now, DateTimeZone zone, bool full, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(zone);
        var context = CreateContext(store, now, zone);
        var count = store.Count;
        int evaluated;
        if (!parallel || count < 2 * ChunkRows)
        {
            evaluated = RunRange(store, context, 0, count, full);
        }
        else
        {
            var total = 0;
            Parallel.For(
                0,
                (count + ChunkRows - 1) / ChunkRows,
                () => 0,
                (chunk, _, sum) => sum + RunRange(store, context, chunk * ChunkRows, Math.Min(count, (chunk + 1) * ChunkRows), full),
                sum => Interlocked.Add(ref total, sum));
            evaluated = total;
        }

        store.ClassifiedBy = this;
        store.ClassifiedAt = now;
        store.ClassifiedInZone = zone;
        return new BulkRunResult(evaluated, full);
    }

    private RunContext CreateContext(CustomerStore store, Instant now, DateTimeZone zone)
    {
        var today = now.InZone(zone).Date;
        var context = new RunContext
        {
            Now = now,
            NowTicks = now.ToUnixTimeTicks(),
            NowIsWholeTick = Instant.FromUnixTimeTicks(now.ToUnixTimeTicks()) == now,
            Zone = zone,
            Today = today,
            TodayDay = BulkDates.DayNumber(today),
            StringNames = store.Strings.RawNames,
            StringLiteralIds = new int[_stringLiterals.Length],
            TagLiteralBits = new ulong[_tagLiterals.Length],
        };
        for (var i = 0; i < _stringLiterals.Length; i++)
        {
            store.Strings.TryGetId(_stringLiterals[i], out context.StringLiteralIds[i]);
        }

        for (var i = 0; i < _tagLiterals.Length; i++)
        {
            context.TagLiteralBits[i] = store.CurrentTags.TryGetId(_tagLiterals[i], out var id) ? 1UL << id : 0;
        }

        return context;
    }

    /// <summary>Classifies rows [from, to) (all, or only the dirty ones) and clears their dirty bits; <paramref name="from"/> is a multiple of 64.</summary>
    private int RunRange(CustomerStore store, RunContext context, int from, int to, bool full)
    {
        var dirty = store.Columns.Dirty;
        var lastWord = (to + 63) >> 6;
        if (full)
        {
            Evaluate(store, context, from, to);
            Array.Clear(dirty, from >> 6, lastWord - (from >> 6));
            return to - from;
        }

        var evaluated = 0;
        for (var w = from >> 6; w < lastWord; w++)
        {
            var bits = dirty[w];
            if (bits == 0)
            {
                continue;
            }

            dirty[w] = 0;
            var baseRow = w << 6;
            while (bits != 0)
            {
                var first = BitOperations.TrailingZeroCount(bits);
                var run = BitOperations.TrailingZeroCount(~(bits >> first));
                Evaluate(store, context, baseRow + first, baseRow + first + run);
                evaluated += run;
                bits = run + first >= 64 ? 0 : bits & ~((1UL << (first + run)) - 1);
            }
        }

        return evaluated;
    }

    private void Evaluate(CustomerStore store, RunContext context, int start, int end)
    {
        if (_kernel is not null)
        {
            try
            {
                // Fast path: no per-rule exception handling.
                _kernel(store.Columns, context, start, end);
            }
#pragma warning disable CA1031 // A failing rule must not abort a batch: redo the range with per-rule guards (a failing rule does not hold).
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                _guardedKernel!(store.Columns, context, start, end);
            }

            return;
        }

        var facts = new CustomerFacts();
        for (var row = start; row < end; row++)
        {
            facts.Assign(store.GetInput(row), context.Now, context.Zone);
            var c = RuleSet.Classify(facts);
            store.Columns.ResultMasks[row] = c.TagMask;
            store.Columns.ResultTiers[row] = (short)c.TierIndex;
        }
    }
}
