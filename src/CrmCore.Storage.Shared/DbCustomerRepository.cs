using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Customers in a database: one row each with a version; contacts, products and tags as JSON text. Each save also writes the customer's
/// match keys that changed (table <c>customer_key</c>, <see cref="CustomerKey.Of"/>) in the same transaction, so
/// <see cref="FindByKeysAsync"/> never disagrees with the customers.
/// <para>
/// The name grams (table <c>customer_name_gram</c>: gram code, customer id) are written only once the database's gram index is on
/// (<c>customer_name_gram_state.turned_on</c>): the first <see cref="CustomerKeyKind.NameBlock"/> lookup of any instance turns it on and
/// builds the grams of the customers stored before (<see cref="BuildGramsAsync"/>: in pages, resumable, by whichever instance looks up
/// next). Every save transaction reads the flag until it sees it on (on PostgreSQL <c>FOR SHARE</c>: the <c>UPDATE</c> that turns it on
/// waits for the saves that read it off, so the build, which starts after it, sees their customers; a save that starts later writes its
/// grams itself); SQLite's write transactions are serialised already. So a host that never searches similar names writes no gram, and a
/// search is complete whichever instance saved the customers.
/// </para>
/// <para>
/// Lock order on PostgreSQL: a write transaction reads the gram state row first (see above), then locks customer rows; when it locks
/// more than one (a batch save, a backfill page, a gram build page), it locks them in <c>ORDER BY id</c> order, so that instances
/// writing the same customers queue behind each other instead of deadlocking. Thread-safe.
/// </para>
/// </summary>
internal sealed class DbCustomerRepository(DeskSql sql, IClock? auditClock = null) : ICustomerBatchRepository, ICustomerKeyIndex, ICustomerKeyIndexState
{
    /// <summary>Customers per backfill transaction.</summary>
    internal const int BackfillPage = 1000;

    /// <summary>Keys per lookup statement.</summary>
    private const int LookupChunk = 500;

    private const string Columns =
        "id, version, name, short_name, industry, employees, revenue_amount, revenue_currency, source, first_contact_on, created_at, contacts, " +
        "first_cooperation_on, annual_amount, annual_currency, products, orders_per_year, account_manager, preference_tags, tier, tags, " +
        "do_not_contact_since, do_not_contact_reason, last_interaction_at";

    private static readonly string Values = string.Join(", ", Columns.Split(", ").Select(c => "@" + c));

    /// <summary>The column of <see cref="_unkeyed"/> after <see cref="Columns"/>: 1 when the customer (without an id key) has other keys.</summary>
    private const int UnkeyedKeyedColumn = 24;

    /// <summary>The customers stored before the key table, that have no keys yet, and those whose keys a migration set to be rewritten
    /// by removing their id key (<c>FROM</c> and <c>WHERE</c>; alias <c>c</c>).</summary>
    private static readonly string Unkeyed =
        $"FROM {{t}}customer c WHERE NOT EXISTS (SELECT 1 FROM {{t}}customer_key k WHERE k.customer_id = c.id AND k.kind = {(int)CustomerKeyKind.Id})";

    private readonly string _find = sql.Sql($"SELECT {Columns} FROM {{t}}customer WHERE id = @id");
    private readonly string _keysOf = sql.Sql("SELECT kind, key_value FROM {t}customer_key WHERE customer_id = @id");
    private readonly string _deleteKey = sql.Sql("DELETE FROM {t}customer_key WHERE kind = @kind AND key_value = @key AND customer_id = @id");
    private readonly string _insertKey = sql.Sql("INSERT INTO {t}customer_key (kind, key_value, customer_id) VALUES (@kind, @key, @id) ON CONFLICT DO NOTHING");
    private readonly string _deleteGram = sql.Sql("DELETE FROM {t}customer_name_gram WHERE gram = @gram AND customer_id = @id");
    private readonly string _insertGram = sql.Sql("INSERT INTO {t}customer_name_gram (gram, customer_id) VALUES (@gram, @id) ON CONFLICT DO NOTHING");

    // PostgreSQL: grams of one save or one build page in one statement (one round trip instead of one per gram); SQLite runs
    // in-process and keeps the prepared statement per gram.
    private readonly string? _insertGramPage = sql.ForUpdate.Length == 0 ? null : sql.Sql(
        "INSERT INTO {t}customer_name_gram (gram, customer_id) SELECT * FROM unnest(@grams, @ids) ON CONFLICT DO NOTHING");

    // The gram index's state row: read by a save (locked for share on PostgreSQL, see the type's remarks), turned on by a lookup, and
    // locked by the build's pages, which record how far they got.
    private readonly string _gramsOnState = sql.Sql("SELECT turned_on FROM {t}customer_name_gram_state WHERE id = 1" + (sql.ForUpdate.Length == 0 ? string.Empty : " FOR SHARE"));
    private readonly string _turnGramsOn = sql.Sql("UPDATE {t}customer_name_gram_state SET turned_on = 1 WHERE id = 1 AND turned_on = 0");
    private readonly string _buildState = sql.Sql("SELECT built_through, built FROM {t}customer_name_gram_state WHERE id = 1" + sql.ForUpdate);
    private readonly string _buildPage = sql.Sql("SELECT id, name FROM {t}customer WHERE id > @after ORDER BY id LIMIT @limit" + sql.ForUpdate);
    private readonly string _buildProgress = sql.Sql("UPDATE {t}customer_name_gram_state SET built_through = @through, built = @built WHERE id = 1");
    // The unkeyed page, each customer with whether it has keys all the same (an id key removed by a migration that has its keys rewritten,
    // schema 17/18 and 19/22): only those have their stored keys read and replaced.
    private readonly string _unkeyed = sql.Sql(
        $"SELECT {Columns}, CASE WHEN EXISTS (SELECT 1 FROM {{t}}customer_key s WHERE s.customer_id = c.id) THEN 1 ELSE 0 END {Unkeyed} ORDER BY c.id LIMIT @limit" + sql.ForUpdate);

    // PostgreSQL: a batch's stored customers locked in the one order every multi-row lock of customers takes (LockInIdOrderAsync).
    private readonly string? _lockInIdOrder = sql.ForUpdate.Length == 0 ? null : sql.Sql("SELECT id FROM {t}customer WHERE id = ANY(@ids) ORDER BY id" + sql.ForUpdate);

    // The read-only questions of ICustomerKeyIndexState: no lock, no transaction, nothing written.
    private readonly string _anyUnkeyed = sql.Sql($"SELECT count(*) FROM (SELECT 1 {Unkeyed} LIMIT 1) u");
    private readonly string _gramsReady = sql.Sql("SELECT count(*) FROM {t}customer_name_gram_state WHERE id = 1 AND turned_on <> 0 AND built <> 0");

    private readonly string _gramCount = sql.Sql(
        $"SELECT count(*) FROM (SELECT 1 FROM {{t}}customer_name_gram WHERE gram >= @low AND gram <= @high LIMIT {SimilarNames.MaxCandidates + 1}) g");

    // CROSS JOIN keeps SQLite's join order: the gram's rows first, then each customer's name key by the customer index (left to itself,
    // SQLite walked every name key and searched its grams, a full scan per lookup); PostgreSQL plans it as the inner join it is.
    private readonly string _gramNames = sql.Sql(
        $"SELECT n.key_value, n.customer_id FROM {{t}}customer_name_gram g CROSS JOIN {{t}}customer_key n " +
        $"WHERE g.gram >= @low AND g.gram <= @high AND n.customer_id = g.customer_id AND n.kind = {(int)CustomerKeyKind.Name} LIMIT @limit");

    private readonly SemaphoreSlim _backfillGate = new(1, 1);
    private readonly SemaphoreSlim _gramGate = new(1, 1);
    private volatile bool _backfilled;
    private volatile bool _gramsOn;
    private volatile bool _gramsBuilt;

    /// <inheritdoc />
    public async ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_find);
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (state.Version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {state.Version} of customer {state.Id} must be above the expected version {expectedVersion}.", nameof(state));
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);

        // The gram state row first, as SaveAllAsync and the gram build take it: a save that locked its customer row before the state
        // row could deadlock with another instance's build, which holds the state row and locks a page of customers.
        var grams = await GramsOnAsync(lease, cancellationToken).ConfigureAwait(false);
        await DbAuditStore.WriteAuditedAsync(
            sql, auditClock, lease, "customer", Columns, Values, state.Id.Value, expectedVersion, command => Bind(command, state), $"customer {state.Id}", Row,
            (actor, at, before) => CustomerAudit.Changes(actor, at, before, state), cancellationToken).ConfigureAwait(false);
        await WriteKeysAsync(lease, state, expectedVersion > 0, grams, cancellationToken).ConfigureAwait(false);

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var ids = new HashSet<CustomerId>();
        foreach (var (state, expectedVersion) in writes)
        {
            ArgumentNullException.ThrowIfNull(state, nameof(writes));
            ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
            if (state.Version <= expectedVersion || !ids.Add(state.Id))
            {
                throw new ArgumentException($"Customer {state.Id} is written twice, or its new version {state.Version} is not above the expected version {expectedVersion}.", nameof(writes));
            }
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var grams = await GramsOnAsync(lease, cancellationToken).ConfigureAwait(false);
        await LockInIdOrderAsync(lease, writes, cancellationToken).ConfigureAwait(false);
        foreach (var (state, expectedVersion) in writes)
        {
            await DbAuditStore.WriteAuditedAsync(
                sql, auditClock, lease, "customer", Columns, Values, state.Id.Value, expectedVersion, command => Bind(command, state), $"customer {state.Id}", Row,
                (actor, at, before) => CustomerAudit.Changes(actor, at, before, state), cancellationToken).ConfigureAwait(false);
            await WriteKeysAsync(lease, state, expectedVersion > 0, grams, cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// On PostgreSQL, locks the stored customers of a batch (those written with an expected version) in one statement, in the order of
    /// <c>ORDER BY id</c>: the order in which the key backfill (<see cref="BackfillKeysAsync"/>), the gram build and every other batch lock
    /// customer rows. A batch that locked its rows in the caller's order could hold one customer while waiting for another that an
    /// instance's backfill page or batch holds while waiting for the first: a deadlock, which PostgreSQL ends by failing one of them. SQLite
    /// serialises write transactions already (nothing to do there).
    /// </summary>
    private async Task LockInIdOrderAsync(DbLease lease, IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken)
    {
        if (_lockInIdOrder is null)
        {
            return;
        }

        var stored = writes.Where(w => w.ExpectedVersion > 0).Select(w => w.State.Id.Value).ToArray();
        if (stored.Length > 1)
        {
            var command = lease.Command(_lockInIdOrder);
            DeskSql.Add(command, "@ids", stored);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Customers stored before the key table get their keys first (<see cref="BackfillKeysAsync"/>, once per instance); the first
    /// <see cref="CustomerKeyKind.NameBlock"/> lookup of an instance turns the database's gram index on and finishes its build
    /// (<see cref="BuildGramsAsync"/>), which can take a while on a large database that never searched similar names.</remarks>
    public async ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var matches = new List<CustomerKeyMatch>();
        var distinct = new HashSet<CustomerKey>(keys);
        CustomerKey.CheckLookup(distinct);
        if (!_backfilled)
        {
            await BackfillKeysAsync(cancellationToken).ConfigureAwait(false);
        }

        if (distinct.Count == 0)
        {
            return matches;
        }

        if (!_gramsBuilt && distinct.Any(k => k.Kind == CustomerKeyKind.NameBlock))
        {
            await BuildGramsAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in distinct.Where(k => k.Kind != CustomerKeyKind.NameBlock).GroupBy(k => k.Kind))
        {
            foreach (var chunk in kind.Chunk(LookupChunk))
            {
                await using var command = lease.Connection.CreateCommand();
                command.Transaction = lease.Transaction;
                command.CommandText = sql.Sql(
                    "SELECT key_value, customer_id FROM {t}customer_key WHERE kind = @kind AND key_value IN (" + string.Join(", ", chunk.Select((_, i) => "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")");
                DeskSql.Add(command, "@kind", (int)kind.Key);
                for (var i = 0; i < chunk.Length; i++)
                {
                    DeskSql.AddNew(command, "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk[i].Value);
                }

                await ReadMatchesAsync(command, kind.Key, matches, cancellationToken).ConfigureAwait(false);
            }
        }

        var gramCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var block in distinct.Where(k => k.Kind == CustomerKeyKind.NameBlock))
        {
            await FindSimilarAsync(lease, block, gramCounts, matches, cancellationToken).ConfigureAwait(false);
        }

        matches.Sort(CustomerKeyMatch.Order);
        return matches;
    }

    /// <inheritdoc />
    /// <remarks>One read outside any transaction; a yes is kept, so the next lookup does not open the backfill's write transaction.</remarks>
    public async ValueTask<bool> KeysCompleteAsync(CancellationToken cancellationToken = default)
    {
        if (!_backfilled && await CountAsync(_anyUnkeyed, cancellationToken).ConfigureAwait(false) == 0)
        {
            _backfilled = true;
        }

        return _backfilled;
    }

    /// <inheritdoc />
    /// <remarks>One read of the state row outside any transaction (no lock); a yes is kept, so the next similar-name lookup does not
    /// open the build's write transaction.</remarks>
    public async ValueTask<bool> SimilarNamesReadyAsync(CancellationToken cancellationToken = default)
    {
        if (!_gramsBuilt && await CountAsync(_gramsReady, cancellationToken).ConfigureAwait(false) != 0)
        {
            _gramsOn = true;
            _gramsBuilt = true;
        }

        return _gramsBuilt;
    }

    /// <summary>Runs a read-only count in a lease of its own.</summary>
    private async Task<long> CountAsync(string text, CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await lease.Command(text).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes the keys of customers that have no id key: those stored before the key table (no keys at all), and those whose keys a
    /// migration set to be rewritten by removing their id key (their stored keys are replaced as a save replaces them, a stale name key
    /// and, with the gram index on, its grams out). A page of <see cref="BackfillPage"/> customers per transaction, each page read inside
    /// its write transaction (locked on PostgreSQL, after the gram state row, as a save takes them), so a concurrent save is never
    /// overwritten with an older state; an interrupted backfill resumes where it stopped, and a finished one finds nothing to do. Memory
    /// is one page.
    /// </summary>
    /// <returns>How many customers got their keys.</returns>
    internal async Task<int> BackfillKeysAsync(CancellationToken cancellationToken)
    {
        await _backfillGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            while (!_backfilled)
            {
                await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
                await lease.BeginAsync(cancellationToken).ConfigureAwait(false);

                // The gram state row before the page, as a save takes it (see SaveAsync).
                var grams = await GramsOnAsync(lease, cancellationToken).ConfigureAwait(false);
                var page = new List<(CustomerState State, bool Keyed)>(BackfillPage);
                var command = lease.Command(_unkeyed);
                DeskSql.Add(command, "@limit", (long)BackfillPage);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add((Row(reader), DeskSql.Long(reader, UnkeyedKeyedColumn) != 0));
                    }
                }

                // A customer stored before the key table has no keys: they are written, and its grams come from the gram build. One whose
                // keys a migration set to be rewritten has its stored keys replaced as a save replaces them: a stale name key (and its
                // grams, when the gram index is on) out, the current one in.
                foreach (var (state, keyed) in page)
                {
                    await WriteKeysAsync(lease, state, replace: keyed, grams: keyed && grams, cancellationToken).ConfigureAwait(false);
                }

                await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
                total += page.Count;
                _backfilled = page.Count < BackfillPage;
            }

            return total;
        }
        finally
        {
            _backfillGate.Release();
        }
    }

    /// <summary>
    /// Turns the database's gram index on (when no instance did) and builds the grams of the customers stored before: a page of
    /// <see cref="BackfillPage"/> customers per transaction in id order, the state row and the page locked (on PostgreSQL), the progress
    /// recorded with the page, so an interrupted build resumes where it stopped, in this instance or another, and a finished one does nothing.
    /// Customers saved after the index is on write their own grams (inserting a gram twice does nothing).
    /// </summary>
    /// <returns>How many customers the pages read.</returns>
    internal async Task<int> BuildGramsAsync(CancellationToken cancellationToken)
    {
        await _gramGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_gramsOn)
            {
                await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
                await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
                await lease.Command(_turnGramsOn).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
                _gramsOn = true;
            }

            var total = 0;
            while (!_gramsBuilt)
            {
                await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
                await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
                string after;
                bool built;
                await using (var reader = await lease.Command(_buildState).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    built = DeskSql.Long(reader, 1) != 0;
                    after = built ? string.Empty : DeskSql.StringOrNull(reader, 0) ?? string.Empty;
                }

                if (built)
                {
                    // Another instance finished the build: nothing to write, and the lease ends as done, not as a failed write (which
                    // would leave an all-or-nothing transaction around this lookup unfit to commit).
                    await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
                    _gramsBuilt = true;
                    break;
                }

                var page = new List<(string Id, string Name)>(BackfillPage);
                var read = lease.Command(_buildPage);
                DeskSql.Add(read, "@after", after);
                DeskSql.Add(read, "@limit", (long)BackfillPage);
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                await InsertGramsAsync(lease, page.Select(c => (c.Id, (IEnumerable<string>)SimilarNames.Grams(Normalization.CompanyNameNormalizer.Key(c.Name)))), cancellationToken).ConfigureAwait(false);

                var progress = lease.Command(_buildProgress);
                DeskSql.Add(progress, "@through", page.Count > 0 ? page[^1].Id : (after.Length > 0 ? after : null));
                DeskSql.Add(progress, "@built", page.Count < BackfillPage ? 1 : 0);
                await progress.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
                total += page.Count;
            }

            return total;
        }
        finally
        {
            _gramGate.Release();
        }
    }

    /// <summary>Whether the database's gram index is on, read in the lease's write transaction (see the type's remarks) until seen on.</summary>
    private async ValueTask<bool> GramsOnAsync(DbLease lease, CancellationToken cancellationToken)
    {
        if (_gramsOn)
        {
            return true;
        }

        var on = Convert.ToInt64(await lease.Command(_gramsOnState).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0;
        _gramsOn |= on;
        return on;
    }

    /// <summary>
    /// A <see cref="CustomerKeyKind.NameBlock"/> lookup: counts the names of each probe of the key's plan (each count capped, and kept for
    /// the other lookups of the call), reads the names of the fewest-names probes (<see cref="NameProbePlan.Choose"/>), at most
    /// <see cref="SimilarNames.MaxCandidates"/> gram entries in all, and keeps the similar ones; a cut lookup adds its marker match.
    /// </summary>
    private async Task FindSimilarAsync(DbLease lease, CustomerKey block, Dictionary<string, long> gramCounts, List<CustomerKeyMatch> matches, CancellationToken cancellationToken)
    {
        var similarity = block.SearchSimilarity;
        var plan = SimilarNames.Plan(block.Value, similarity);
        var counts = new long[plan.Probes.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            var probe = plan.Probes[i];
            if (!gramCounts.TryGetValue(probe.Text, out counts[i]))
            {
                var count = lease.Command(_gramCount);
                BindProbe(count, probe);
                gramCounts[probe.Text] = counts[i] = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var budget = SimilarNames.MaxCandidates;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var probe in plan.Choose(counts))
        {
            var read = lease.Command(_gramNames);
            BindProbe(read, probe);
            DeskSql.Add(read, "@limit", (long)budget + 1);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (budget-- == 0)
                {
                    matches.Add(new CustomerKeyMatch(block, default));
                    return;
                }

                var name = reader.GetString(0);
                var id = reader.GetString(1);
                if (seen.Add(id) && SimilarNames.IsSimilar(plan, block.Value, name, similarity))
                {
                    matches.Add(new CustomerKeyMatch(new CustomerKey(CustomerKeyKind.Name, name), new CustomerId(id)));
                }
            }
        }
    }

    /// <summary>The gram code range of a probe: the gram alone, or every gram starting with the probe's character.</summary>
    private static void BindProbe(DbCommand command, NameProbe probe)
    {
        var first = probe.Text[0];
        DeskSql.Add(command, "@low", probe.IsPrefix ? SimilarNames.Code(first, '\0') : SimilarNames.Code(first, probe.Text[1]));
        DeskSql.Add(command, "@high", probe.IsPrefix ? SimilarNames.Code(first, char.MaxValue) : SimilarNames.Code(first, probe.Text[1]));
    }

    private static async Task ReadMatchesAsync(DbCommand command, CustomerKeyKind kind, List<CustomerKeyMatch> matches, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            matches.Add(new CustomerKeyMatch(new CustomerKey(kind, reader.GetString(0)), new CustomerId(reader.GetString(1))));
        }
    }

    /// <summary>
    /// Writes a customer's keys in the lease's transaction, and its name grams when <paramref name="grams"/>. With
    /// <paramref name="replace"/> (a customer stored before) it reads the stored keys first and writes only the difference: a save that
    /// leaves the keys as they were (tier, tags, notes) writes nothing, and the grams change only with the name key.
    /// </summary>
    private async Task WriteKeysAsync(DbLease lease, CustomerState state, bool replace, bool grams, CancellationToken cancellationToken)
    {
        var keys = CustomerKey.Of(state);
        var id = state.Id.Value;
        var stored = new HashSet<CustomerKey>();
        if (replace)
        {
            var read = lease.Command(_keysOf);
            DeskSql.Add(read, "@id", id);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add(new CustomerKey((CustomerKeyKind)DeskSql.Int(reader, 0), reader.GetString(1)));
            }
        }

        var gone = stored.Except(keys).ToList();
        foreach (var key in gone)
        {
            await KeyCommandAsync(lease, _deleteKey, key, id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in keys)
        {
            if (!stored.Contains(key))
            {
                await KeyCommandAsync(lease, _insertKey, key, id, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!grams)
        {
            return;
        }

        IReadOnlyList<string> Grams(IEnumerable<CustomerKey> of) => of.FirstOrDefault(k => k.Kind == CustomerKeyKind.Name) is { Value: { } name } ? SimilarNames.Grams(name) : [];
        var oldGrams = Grams(gone);
        var newGrams = Grams(keys);
        // A keyed customer whose name key did not change keeps its grams. One without an id key (stored before the key table, or its keys
        // set to be rewritten by a migration) has them written all the same: the grams it has are its stored name key's (out with that
        // key when it goes) or the current key's (inserting one again does nothing).
        if (replace && oldGrams.Count == 0 && stored.Any(k => k.Kind == CustomerKeyKind.Name) && stored.Any(k => k.Kind == CustomerKeyKind.Id))
        {
            return;
        }

        await WriteGramsAsync(lease, _deleteGram, id, oldGrams.Except(newGrams, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        await InsertGramsAsync(lease, [(id, newGrams.Except(oldGrams, StringComparer.Ordinal))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts customers' gram rows: on PostgreSQL in one statement (one round trip), on SQLite (in-process) one prepared
    /// statement per gram.</summary>
    private async Task InsertGramsAsync(DbLease lease, IEnumerable<(string Id, IEnumerable<string> Grams)> customers, CancellationToken cancellationToken)
    {
        if (_insertGramPage is null)
        {
            foreach (var (id, grams) in customers)
            {
                await WriteGramsAsync(lease, _insertGram, id, grams, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var codes = new List<int>();
        var owners = new List<string>();
        foreach (var (id, grams) in customers)
        {
            foreach (var gram in grams)
            {
                codes.Add(SimilarNames.Code(gram[0], gram[1]));
                owners.Add(id);
            }
        }

        if (codes.Count > 0)
        {
            var insert = lease.Command(_insertGramPage);
            DeskSql.Add(insert, "@grams", codes.ToArray());
            DeskSql.Add(insert, "@ids", owners.ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task KeyCommandAsync(DbLease lease, string text, CustomerKey key, string id, CancellationToken cancellationToken)
    {
        var command = lease.Command(text);
        DeskSql.Add(command, "@kind", (int)key.Kind);
        DeskSql.Add(command, "@key", key.Value);
        DeskSql.Add(command, "@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts or deletes (by <paramref name="text"/>) a customer's gram rows, one prepared statement per gram.</summary>
    private static async Task WriteGramsAsync(DbLease lease, string text, string id, IEnumerable<string> grams, CancellationToken cancellationToken)
    {
        var command = lease.Command(text);
        foreach (var gram in grams)
        {
            DeskSql.Add(command, "@gram", SimilarNames.Code(gram[0], gram[1]));
            DeskSql.Add(command, "@id", id);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(cancellationToken));

    private async IAsyncEnumerable<CustomerState> StreamListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(sql.Sql($"SELECT {Columns} FROM {{t}}customer ORDER BY id"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(reader);
        }
    }

    private void Bind(DbCommand command, CustomerState s)
    {
        DeskSql.Add(command, "@id", s.Id.Value);
        DeskSql.Add(command, "@version", s.Version);
        DeskSql.Add(command, "@name", s.Name);
        DeskSql.Add(command, "@short_name", s.ShortName);
        DeskSql.Add(command, "@industry", s.Industry.Code);
        DeskSql.Add(command, "@employees", s.Size.Employees is { } e ? (long)e : null);
        DeskSql.Add(command, "@revenue_amount", s.Size.AnnualRevenue is { } r ? DeskJson.Decimal(r.Amount) : null);
        DeskSql.Add(command, "@revenue_currency", s.Size.AnnualRevenue?.Currency);
        DeskSql.Add(command, "@source", s.Source.Code);
        DeskSql.Add(command, "@first_contact_on", DeskJson.Date(s.FirstContactOn));
        DeskSql.Add(command, "@created_at", sql.Time(s.CreatedAt));
        DeskSql.Add(command, "@contacts", DeskJson.Contacts(s.Contacts));
        DeskSql.Add(command, "@first_cooperation_on", s.FirstCooperationOn is { } f ? DeskJson.Date(f) : null);
        DeskSql.Add(command, "@annual_amount", DeskJson.Decimal(s.AnnualAmount.Amount));
        DeskSql.Add(command, "@annual_currency", s.AnnualAmount.Currency);
        DeskSql.Add(command, "@products", DeskJson.Strings(s.Products));
        DeskSql.Add(command, "@orders_per_year", s.OrdersPerYear is { } o ? (long)o : null);
        DeskSql.Add(command, "@account_manager", s.AccountManager?.Value);
        DeskSql.Add(command, "@preference_tags", DeskJson.Strings(s.PreferenceTags));
        DeskSql.Add(command, "@tier", s.Tier);
        DeskSql.Add(command, "@tags", DeskJson.Strings(s.Tags));
        DeskSql.Add(command, "@do_not_contact_since", sql.TimeOrNull(s.DoNotContactSince));
        DeskSql.Add(command, "@do_not_contact_reason", s.DoNotContactReason);
        DeskSql.Add(command, "@last_interaction_at", sql.TimeOrNull(s.LastInteractionAt));
    }

    private CustomerState Row(DbDataReader r)
    {
        var industry = r.GetString(4);
        var source = r.GetString(8);
        return new CustomerState
        {
            Id = new CustomerId(r.GetString(0)),
            Version = DeskSql.Long(r, 1),
            Name = r.GetString(2),
            ShortName = DeskSql.StringOrNull(r, 3),
            Industry = industry.Length == 0 ? default : new Industry(industry),
            Size = new CompanySize(
                r.IsDBNull(5) ? null : DeskSql.Int(r, 5),
                r.IsDBNull(6) ? null : new Money(DeskJson.Decimal(r.GetString(6)), r.GetString(7))),
            Source = source.Length == 0 ? default : new CustomerSource(source),
            FirstContactOn = DeskJson.Date(r.GetString(9)),
            CreatedAt = sql.ReadTime(r, 10),
            Contacts = DeskJson.Contacts(r.GetString(11)),
            FirstCooperationOn = r.IsDBNull(12) ? null : DeskJson.Date(r.GetString(12)),
            AnnualAmount = new Money(DeskJson.Decimal(r.GetString(13)), r.GetString(14)),
            Products = DeskJson.Strings(r.GetString(15)),
            OrdersPerYear = r.IsDBNull(16) ? null : DeskSql.Int(r, 16),
            AccountManager = r.IsDBNull(17) ? null : new AgentId(r.GetString(17)),
            PreferenceTags = DeskJson.Strings(r.GetString(18)),
            Tier = DeskSql.StringOrNull(r, 19),
            Tags = DeskJson.Strings(r.GetString(20)),
            DoNotContactSince = sql.ReadTimeOrNull(r, 21),
            DoNotContactReason = DeskSql.StringOrNull(r, 22),
            LastInteractionAt = sql.ReadTimeOrNull(r, 23),
        };
    }
}
