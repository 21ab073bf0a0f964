using System.Numerics;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// Tiers and tags every customer of a <see cref="CustomerStore"/> with the Tagging and Tiering workflows of a <see cref="RuleSet"/>,
/// giving exactly the results of <see cref="RuleSet.Classify"/> (including its rule that a rule which throws does not hold). Three
/// paths, chosen once per rule set: a vectorised kernel (<see cref="IsVectorised"/>) that classifies eight customers per step with
/// 256-bit vectors over the integer-coded columns, branch-free; a scalar loop compiled over the columns (<see cref="IsColumnar"/>)
/// for rule shapes the vectorised kernel cannot express (<see cref="NotVectorisedBecause"/>); and, for rule sets the column compiler
/// cannot rewrite either (for example one enumerating <c>customer.Tags</c>), re-pointed <see cref="CustomerFacts"/>, which allocates per customer.
/// Results land in the store (<see cref="CustomerStore.TagMasks"/>, <see cref="CustomerStore.TierIndexes"/>).
/// Immutable and thread-safe; runs on one store must not overlap each other or writes to that store.
/// </summary>
public sealed class BulkClassifier
{
    private readonly Action<CustomerChunk, RunContext, int, int>? _kernel;
    private readonly Action<CustomerChunk, RunContext, int, int>? _guardedKernel;
    private readonly Action<CustomerChunk, RunContext, int, int>? _vectorKernel;
    private readonly string[] _stringLiterals;
    private readonly string[] _tagLiterals;
    private readonly Action<CustomerChunk, RunContext, int, int>? _restKernel;
    private readonly Action<CustomerChunk, RunContext, int, int>? _guardedRestKernel;
    private readonly string[] _vectorStringLiterals = [];
    private readonly string[] _vectorTagLiterals = [];
    private readonly int[] _vectorDayCounts = [];

    /// <summary>Compiles the Tagging and Tiering workflows of a rule set for bulk runs.</summary>
    /// <param name="ruleSet">A loaded rule set; its other workflows are ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    /// <exception cref="ArgumentException">The rule set has more than 32,767 tiers.</exception>
    public BulkClassifier(RuleSet ruleSet)
        : this(ruleSet, vectorise: true)
    {
    }

    /// <summary>Compiles a rule set; <paramref name="vectorise"/> false keeps the scalar column loop (benchmarks and differential tests).</summary>
    internal BulkClassifier(RuleSet ruleSet, bool vectorise)
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

        var facts = Compilation.RuleSetCompiler.CustomerParameter;
        var compiler = new ColumnKernelCompiler();
        _kernel = compiler.Compile(tagging, tiering, facts, guarded: false);
        _guardedKernel = _kernel is null ? null : new ColumnKernelCompiler().Compile(tagging, tiering, facts, guarded: true);
        ReadsTimeDerivedFacts = compiler.ReadsTime || _kernel is null;
        NotColumnarBecause = compiler.Unsupported;
        if (_kernel is null)
        {
            NotVectorisedBecause = ["the rules do not run over the columns (see NotColumnarBecause)"];
        }
        else if (!vectorise)
        {
            NotVectorisedBecause = ["the scalar column loop was asked for"];
        }
        else
        {
            // Rules the vectorised kernel cannot express run in a scalar column loop after it (every tiering rule, when one of them
            // cannot: the first that holds wins); the others stay vectorised.
            var reasons = new List<string>();
            var vectorTagging = new List<(int, System.Linq.Expressions.Expression, string)>();
            var restTagging = new List<(int, System.Linq.Expressions.Expression, string)>();
            foreach (var t in tagging)
            {
                var why = VectorKernelCompiler.Check(t.Item2, t.Item3, facts);
                reasons.AddRange(why);
                (why.Count == 0 ? vectorTagging : restTagging).Add(t);
            }

            var tieringReasons = tiering.SelectMany(t => VectorKernelCompiler.Check(t.Item2, t.Item3, facts)).ToList();
            reasons.AddRange(tieringReasons);
            var vectorTiering = tieringReasons.Count == 0 ? tiering : [];
            var restTiering = tieringReasons.Count == 0 ? [] : tiering;
            if (vectorTagging.Count > 0 || vectorTiering.Count > 0)
            {
                var vector = new VectorKernelCompiler();
                _vectorKernel = vector.Compile(vectorTagging, vectorTiering, facts);
                _vectorStringLiterals = [.. vector.StringLiterals];
                _vectorTagLiterals = [.. vector.TagLiterals];
                _vectorDayCounts = [.. vector.DayCounts];
                if (restTagging.Count > 0 || restTiering.Count > 0)
                {
                    _restKernel = new ColumnKernelCompiler(compiler.StringLiterals, compiler.TagLiterals).Compile(restTagging, restTiering, facts, guarded: false, merge: true);
                    _guardedRestKernel = new ColumnKernelCompiler(compiler.StringLiterals, compiler.TagLiterals).Compile(restTagging, restTiering, facts, guarded: true, merge: true);
                }
            }

            NotVectorisedBecause = reasons;
        }

        _stringLiterals = [.. compiler.StringLiterals];
        _tagLiterals = [.. compiler.TagLiterals];
    }

    /// <summary>The rule set.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>True when the rules run as one compiled loop over the columns (no allocation per customer).</summary>
    public bool IsColumnar => _kernel is not null;

    /// <summary>Why the rules do not run over the columns; empty when <see cref="IsColumnar"/>.</summary>
    public IReadOnlyList<string> NotColumnarBecause { get; }

    /// <summary>
    /// True when every rule runs in the vectorised kernel: eight customers per step with 256-bit vectors, no branches per rule. It covers
    /// rules built from <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, comparisons of integer facts and their <c>+</c>, <c>-</c>, <c>*</c>,
    /// string facts compared with a string literal, <c>Tags.Contains("literal")</c>, <c>Tags.Count</c>, <c>DoNotContact</c>, and
    /// <c>AnnualRevenue</c> (in whole fen), <c>CsatAverage</c> (in hundredths) and the time-derived facts compared with a literal.
    /// The rules listed in <see cref="NotVectorisedBecause"/> run in the scalar column loop after the vectorised kernel (all tiering rules,
    /// when one of them is listed), with the same results. A run whose "now" is not a whole tick runs every rule in the scalar loop
    /// when a vectorised rule reads the days since the last interaction.
    /// </summary>
    public bool IsVectorised => _vectorKernel is not null && _restKernel is null;

    /// <summary>Why rules do not run in the vectorised kernel, naming each rule and the shape it cannot express; empty when <see cref="IsVectorised"/>.</summary>
    public IReadOnlyList<string> NotVectorisedBecause { get; }

    /// <summary>
    /// True when a tagging or tiering rule reads a time-derived fact (days since the last interaction, months since the first
    /// cooperation, days to the contract end, days since a downgrade): then <see cref="ClassifyChanged"/> with a new "now" is a full run.
    /// </summary>
    public bool ReadsTimeDerivedFacts { get; }

    /// <summary>Classifies every customer of the store.</summary>
    /// <param name="store">The store; its results and dirty bits are updated.</param>
    /// <param name="now">The instant the time-derived facts are computed from (from the injected clock).</param>
    /// <param name="zone">The time zone that defines "today".</param>
    /// <param name="parallel">True to spread the store's chunks of 4,096 rows over all cores with <see cref="Parallel"/>. Default false.</param>
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
        var chunks = (count + CustomerChunk.Rows - 1) / CustomerChunk.Rows;
        int evaluated;
        if (!parallel || chunks < 4)
        {
            evaluated = 0;
            for (var c = 0; c < chunks; c++)
            {
                evaluated += RunChunk(store, context, c, full);
            }
        }
        else
        {
            var total = 0;
            Parallel.For(
                0,
                chunks,
                () => 0,
                (chunk, _, sum) => sum + RunChunk(store, context, chunk, full),
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
        var nowTicks = now.ToUnixTimeTicks();
        var context = new RunContext
        {
            Now = now,
            NowTicks = nowTicks,
            NowIsWholeTick = Instant.FromUnixTimeTicks(nowTicks) == now,
            Zone = zone,
            Today = today,
            TodayDay = BulkDates.DayNumber(today),
            TodayMonthKey = ColumnCodes.MonthKey(today),
            StringNames = store.Strings.RawNames,
            StringLiteralIds = Ids(store, _stringLiterals),
            TagLiteralBits = Bits(store, _tagLiterals),
            VectorStringIds = Ids(store, _vectorStringLiterals),
            VectorTagBits = Bits(store, _vectorTagLiterals),
            DayThresholds = new long[_vectorDayCounts.Length],
            ScalarKernel = _kernel,
            GuardedKernel = _guardedKernel,
        };
        for (var i = 0; i < _vectorDayCounts.Length; i++)
        {
            // At least k whole days have passed since a tick t exactly when t <= now - k days; clamped far outside real instants.
            var threshold = (Int128)nowTicks - ((Int128)_vectorDayCounts[i] * NodaConstants.TicksPerDay);
            context.DayThresholds[i] = (long)Int128.Clamp(threshold, long.MinValue / 2, long.MaxValue / 2);
        }

        return context;
    }

    private static int[] Ids(CustomerStore store, string[] literals)
    {
        var ids = new int[literals.Length];
        for (var i = 0; i < literals.Length; i++)
        {
            store.Strings.TryGetId(literals[i], out ids[i]);
        }

        return ids;
    }

    private static ulong[] Bits(CustomerStore store, string[] literals)
    {
        var bits = new ulong[literals.Length];
        for (var i = 0; i < literals.Length; i++)
        {
            bits[i] = store.CurrentTags.TryGetId(literals[i], out var id) ? 1UL << id : 0;
        }

        return bits;
    }

    /// <summary>Classifies the rows of one chunk (all, or only the dirty ones) and clears their dirty bits.</summary>
    private int RunChunk(CustomerStore store, RunContext context, int chunkIndex, bool full)
    {
        var chunk = store.Columns.Chunks[chunkIndex];
        var rows = Math.Min(CustomerChunk.Rows, store.Count - chunk.BaseRow);
        var dirty = chunk.Dirty;
        var lastWord = (rows + 63) >> 6;
        if (full)
        {
            Evaluate(store, chunk, context, 0, rows);
            Array.Clear(dirty, 0, lastWord);
            return rows;
        }

        var evaluated = 0;
        for (var w = 0; w < lastWord; w++)
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
                Evaluate(store, chunk, context, baseRow + first, baseRow + first + run);
                evaluated += run;
                bits = run + first >= 64 ? 0 : bits & ~((1UL << (first + run)) - 1);
            }
        }

        return evaluated;
    }

    private void Evaluate(CustomerStore store, CustomerChunk chunk, RunContext context, int start, int end)
    {
        if (_vectorKernel is not null && (_vectorDayCounts.Length == 0 || context.NowIsWholeTick))
        {
            // The kernel steps over whole vectors around [start, end) and writes only rows in [start, end).
            _vectorKernel(chunk, context, start, end);
            if (_restKernel is not null)
            {
                try
                {
                    _restKernel(chunk, context, start, end);
                }
#pragma warning disable CA1031 // As below; OR-ing the same tag bits again is harmless.
                catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
                {
                    _guardedRestKernel!(chunk, context, start, end);
                }
            }

            return;
        }

        if (_kernel is not null)
        {
            try
            {
                // Fast path: no per-rule exception handling.
                _kernel(chunk, context, start, end);
            }
#pragma warning disable CA1031 // A failing rule must not abort a batch: redo the range with per-rule guards (a failing rule does not hold).
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                _guardedKernel!(chunk, context, start, end);
            }

            return;
        }

        var facts = new CustomerFacts();
        for (var row = start; row < end; row++)
        {
            facts.Assign(store.GetInput(chunk.BaseRow + row), context.Now, context.Zone);
            var c = RuleSet.Classify(facts);
            chunk.ResultMasks[row] = c.TagMask;
            chunk.ResultTiers[row] = (short)c.TierIndex;
        }
    }
}
