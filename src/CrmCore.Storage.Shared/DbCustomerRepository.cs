using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Customers in a database: one row each with a version; contacts, products and tags as JSON text. Each save also rewrites the customer's
/// match keys (table <c>customer_key</c>, <see cref="CustomerKey.Of"/>) in the same transaction, so <see cref="FindByKeysAsync"/> never
/// disagrees with the customers. Thread-safe.
/// </summary>
internal sealed class DbCustomerRepository(DeskSql sql, IClock? auditClock = null) : ICustomerBatchRepository, ICustomerKeyIndex
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

    private readonly string _find = sql.Sql($"SELECT {Columns} FROM {{t}}customer WHERE id = @id");
    private readonly string _deleteKeys = sql.Sql("DELETE FROM {t}customer_key WHERE customer_id = @id");
    private readonly string _insertKey = sql.Sql("INSERT INTO {t}customer_key (kind, key_value, customer_id) VALUES (@kind, @key, @id) ON CONFLICT DO NOTHING");
    private readonly string _unkeyed = sql.Sql(
        $"SELECT {Columns} FROM {{t}}customer c WHERE NOT EXISTS (SELECT 1 FROM {{t}}customer_key k WHERE k.customer_id = c.id AND k.kind = {(int)CustomerKeyKind.Id}) " +
        "ORDER BY c.id LIMIT @limit" + sql.ForUpdate);

    private readonly string _gramCount = sql.Sql(
        $"SELECT count(*) FROM (SELECT 1 FROM {{t}}customer_key WHERE kind = {(int)CustomerKeyKind.NameGram} AND key_value >= @low AND key_value < @high " +
        $"LIMIT {SimilarNames.MaxCandidates + 1}) g");

    private readonly string _gramNames = sql.Sql(
        $"SELECT n.key_value, n.customer_id FROM {{t}}customer_key g JOIN {{t}}customer_key n ON n.customer_id = g.customer_id AND n.kind = {(int)CustomerKeyKind.Name} " +
        $"WHERE g.kind = {(int)CustomerKeyKind.NameGram} AND g.key_value >= @low AND g.key_value < @high LIMIT @limit");

    private readonly SemaphoreSlim _backfillGate = new(1, 1);
    private volatile bool _backfilled;

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
        await DbAuditStore.WriteAuditedAsync(
            sql, auditClock, lease, "customer", Columns, Values, state.Id.Value, expectedVersion, command => Bind(command, state), $"customer {state.Id}", Row,
            (actor, at, before) => CustomerAudit.Changes(actor, at, before, state), cancellationToken).ConfigureAwait(false);
        await WriteKeysAsync(lease, state, expectedVersion > 0, cancellationToken).ConfigureAwait(false);

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
        foreach (var (state, expectedVersion) in writes)
        {
            await DbAuditStore.WriteAuditedAsync(
                sql, auditClock, lease, "customer", Columns, Values, state.Id.Value, expectedVersion, command => Bind(command, state), $"customer {state.Id}", Row,
                (actor, at, before) => CustomerAudit.Changes(actor, at, before, state), cancellationToken).ConfigureAwait(false);
            await WriteKeysAsync(lease, state, expectedVersion > 0, cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Customers stored before the key table get their keys first (<see cref="BackfillKeysAsync"/>, once per instance).</remarks>
    public async ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!_backfilled)
        {
            await BackfillKeysAsync(cancellationToken).ConfigureAwait(false);
        }

        var matches = new List<CustomerKeyMatch>();
        var distinct = new HashSet<CustomerKey>(keys);
        if (distinct.Count == 0)
        {
            return matches;
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

    /// <summary>
    /// Writes the keys of customers that have none (stored before the key table): a page of <see cref="BackfillPage"/> customers per
    /// transaction, each page read inside its write transaction (locked on PostgreSQL), so a concurrent save is never overwritten with an
    /// older state; an interrupted backfill resumes where it stopped, and a finished one finds nothing to do. Memory is one page.
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
                var page = new List<CustomerState>(BackfillPage);
                var command = lease.Command(_unkeyed);
                DeskSql.Add(command, "@limit", (long)BackfillPage);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add(Row(reader));
                    }
                }

                foreach (var state in page)
                {
                    await WriteKeysAsync(lease, state, replace: false, cancellationToken).ConfigureAwait(false);
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
    /// A <see cref="CustomerKeyKind.NameBlock"/> lookup: counts the names of each probe of the key's plan (each count capped, and kept for
    /// the other lookups of the call), reads the names of the fewest-names probes (<see cref="NameProbePlan.Choose"/>), at most
    /// <see cref="SimilarNames.MaxCandidates"/> gram entries in all, and keeps the similar ones; a cut lookup adds its marker match.
    /// </summary>
    private async Task FindSimilarAsync(DbLease lease, CustomerKey block, Dictionary<string, long> gramCounts, List<CustomerKeyMatch> matches, CancellationToken cancellationToken)
    {
        var similarity = block.Similarity > 0 ? block.Similarity : SimilarNames.LeastSimilarity;
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

    /// <summary>The gram range of a probe: the gram alone, or every gram starting with the probe's character.</summary>
    private static void BindProbe(DbCommand command, NameProbe probe)
    {
        DeskSql.Add(command, "@low", probe.Text);
        DeskSql.Add(command, "@high", probe.IsPrefix ? NextScalar(probe.Text) : probe.Text + "\u0001");
    }

    /// <summary>The smallest text above every text that starts with <paramref name="block"/> (one Unicode scalar), in code-point order.</summary>
    private static string NextScalar(string block)
    {
        var value = System.Text.Rune.TryGetRuneAt(block, 0, out var rune) ? rune.Value + 1 : block[0] + 1;
        value = value is >= 0xD800 and <= 0xDFFF ? 0xE000 : Math.Min(value, 0x10FFFF);
        return char.ConvertFromUtf32(value);
    }

    private static async Task ReadMatchesAsync(DbCommand command, CustomerKeyKind kind, List<CustomerKeyMatch> matches, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            matches.Add(new CustomerKeyMatch(new CustomerKey(kind, reader.GetString(0)), new CustomerId(reader.GetString(1))));
        }
    }

    /// <summary>Writes a customer's keys in the lease's transaction, first removing its old ones when <paramref name="replace"/>.</summary>
    private async Task WriteKeysAsync(DbLease lease, CustomerState state, bool replace, CancellationToken cancellationToken)
    {
        if (replace)
        {
            var delete = lease.Command(_deleteKeys);
            DeskSql.Add(delete, "@id", state.Id.Value);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var insert = lease.Command(_insertKey);
        foreach (var key in CustomerKey.Of(state))
        {
            DeskSql.Add(insert, "@kind", (int)key.Kind);
            DeskSql.Add(insert, "@key", key.Value);
            DeskSql.Add(insert, "@id", state.Id.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
