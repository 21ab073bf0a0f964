using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// The routing queue in PostgreSQL, shared by every host instance. A claim reads the first waiting ticket of each eligible
/// (team, static priority, skills) bucket (one indexed probe each), scores those heads at the claim's instant exactly as
/// <see cref="TicketQueue"/> does, and locks the best one not locked by another claimer (<c>FOR UPDATE SKIP LOCKED</c>); a head
/// another claimer holds gives way to its bucket's next waiting ticket, so racing claimers keep the exact order. One server call
/// (the schema's <c>queue_claim</c> function); expired leases return to the queue in the same round trip whenever one can have expired (the store keeps the earliest lease time it knows and skips the reaper before it). It is also the desk's <see cref="IQueueRepository"/> (the same
/// table). Thread-safe.
/// </summary>
public sealed partial class PostgreSqlTicketQueueStore : ITicketQueueStore, IQueueRepository
{
    private readonly PostgreSqlDatabase _database;
    private readonly SlaTermParameters _term;
    private readonly Duration _lease;
    private readonly string _claimSql;
    private readonly string _reapSql;
    private readonly string _earliestLeaseSql;
    private readonly LeaseReapSchedule _reaps = new();
    private readonly QueueChangeLog _changes;
    private readonly ConcurrentDictionary<long, QueueBucket> _bucketById = new();
    private readonly ConcurrentDictionary<(TeamId, long, string), long> _bucketByKey = new();

    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <param name="slaTerm">The SLA term's settings, the same as the routing's (<see cref="RoutingOptions.SlaTerm"/>); null means the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlTicketQueueStore(PostgreSqlStorageOptions options, SlaTermOptions? slaTerm = null)
        : this(new PostgreSqlDatabase(options), slaTerm)
    {
    }

    internal PostgreSqlTicketQueueStore(PostgreSqlDatabase database, SlaTermOptions? slaTerm)
    {
        _database = database;
        _term = new SlaTermParameters(slaTerm);
        _lease = database.Options.LeaseDuration;
        _claimSql = ClaimText(database, ClaimSql, _term);
        _reapSql = database.Sql(ReapSql);
        _earliestLeaseSql = database.Sql(EarliestLeaseSql);
        _changes = new QueueChangeLog(database, database.Sql("{schema}."), lockForUpdate: true, database.Options.QueueChangeRetention);
    }

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(QueuedTicket ticket, CancellationToken cancellationToken = default)
    {
        if (ticket.Id.IsEmpty)
        {
            throw new ArgumentException("The ticket must not be the default instance.", nameof(ticket));
        }

        var bucket = await BucketIdAsync(ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, cancellationToken).ConfigureAwait(false);
        // In a desk command's transaction this joins it; otherwise it commits on its own.
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_database.Sql("""
            INSERT INTO {schema}.queue (ticket_id, bucket_id, due_ticks, enqueued_ticks) VALUES (@id, @bucket, @due, @enqueued)
            ON CONFLICT (ticket_id) DO NOTHING;
            """));
        DeskSql.Add(command, "id", ticket.Id.Value);
        DeskSql.Add(command, "bucket", bucket);
        DeskSql.Add(command, "due", ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue);
        DeskSql.Add(command, "enqueued", ticket.EnqueuedAt.ToUnixTimeTicks());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Adds many tickets in one transaction with binary COPY (for imports and benchmarks); tickets already queued are skipped.</summary>
    /// <param name="tickets">The tickets.</param>
    /// <param name="cancellationToken">Cancels the operation before it commits.</param>
    /// <returns>How many were added.</returns>
    public async Task<int> EnqueueManyAsync(IEnumerable<QueuedTicket> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string Id, long Bucket, long Due, long Enqueued)>();
        foreach (var ticket in tickets)
        {
            if (ticket.Id.IsEmpty)
            {
                throw new ArgumentException("A ticket must not be the default instance.", nameof(tickets));
            }

            var bucket = await BucketIdAsync(connection, ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, cancellationToken).ConfigureAwait(false);
            rows.Add((ticket.Id.Value, bucket, ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue, ticket.EnqueuedAt.ToUnixTimeTicks()));
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE crm_queue_load (ticket_id text, bucket_id bigint, due_ticks bigint, enqueued_ticks bigint) ON COMMIT DROP;", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY crm_queue_load FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(row.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(row.Bucket, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(row.Due, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(row.Enqueued, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = new NpgsqlCommand(
            _database.Sql("INSERT INTO {schema}.queue (ticket_id, bucket_id, due_ticks, enqueued_ticks) SELECT ticket_id, bucket_id, due_ticks, enqueued_ticks FROM crm_queue_load ON CONFLICT (ticket_id) DO NOTHING;"),
            connection,
            transaction);
        var added = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc />
    public async Task<QueueLease?> ClaimAsync(Agent agent, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.Availability != Availability.Online || !agent.TryReserveSlot())
        {
            return null;
        }

        try
        {
            var lease = await ClaimCoreAsync(agent, now, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                agent.ReleaseSlot();
            }

            return lease;
        }
        catch
        {
            agent.ReleaseSlot();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(QueueLease lease, CancellationToken cancellationToken = default)
        => OnLeaseAsync(lease, "DELETE FROM {schema}.queue WHERE ticket_id = @id AND lease_token = @token;", cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(QueueLease lease, CancellationToken cancellationToken = default)
        => OnLeaseAsync(lease, "UPDATE {schema}.queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL WHERE ticket_id = @id AND lease_token = @token;", cancellationToken);

    /// <summary>Runs a statement on the row of a lease that is still held with the same token; true when it touched that row.</summary>
    private async Task<bool> OnLeaseAsync(QueueLease lease, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await _database.OpenQueueAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _database.Sql(sql);
        command.Parameters.AddWithValue("id", lease.Ticket.Id.Value);
        command.Parameters.AddWithValue("token", lease.Token);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        if (_database.Current is not null)
        {
            await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
            var remove = lease.Command(_database.Sql("DELETE FROM {schema}.queue WHERE ticket_id = @id;"));
            DeskSql.Add(remove, "id", id.Value);
            return await remove.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        await using var connection = await _database.OpenQueueAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _database.Sql("DELETE FROM {schema}.queue WHERE ticket_id = @id;");
        command.Parameters.AddWithValue("id", id.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    /// <remarks>Inside a desk command's or a host's store transaction the read runs on that transaction's connection, so it sees the queue
    /// rows the transaction wrote and has not committed (as every other read of the store does); otherwise on a connection of its own.</remarks>
    public async Task<IReadOnlyList<QueuedTicket>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        // Bucket rows always commit on their own (BucketIdAsync), so every one read here may be cached, inside a transaction too.
        await LoadBucketsAsync((NpgsqlConnection)lease.Connection, cancellationToken).ConfigureAwait(false);
        if (AfterBucketsRead is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        var command = lease.Command(_database.Sql("SELECT ticket_id, bucket_id, due_ticks, enqueued_ticks FROM {schema}.queue;"));
        var rows = new List<(string Id, long Bucket, long Due, long Enqueued)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        var list = new List<QueuedTicket>(rows.Count);
        foreach (var row in rows)
        {
            // Another host can commit a new bucket and a queue row in it between the bucket read above and the row read: read that
            // bucket now (the reader is closed, and the connection runs one command at a time).
            var bucket = _bucketById.TryGetValue(row.Bucket, out var known)
                ? known
                : await BucketAsync((NpgsqlConnection)lease.Connection, row.Bucket, cancellationToken).ConfigureAwait(false);
            list.Add(ToTicket(row.Id, bucket, row.Due, row.Enqueued));
        }

        return list;
    }

    /// <summary>For tests: awaited by <see cref="LoadAllAsync"/> between its read of the buckets and its read of the queue rows, so that a
    /// test can commit another host's new bucket and queue row exactly there. Null (nothing runs) unless a test sets it.</summary>
    internal Func<CancellationToken, Task>? AfterBucketsRead { get; set; }

    /// <inheritdoc />
    public async ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ticket = entry.ToQueued();
        var bucket = await BucketIdAsync(ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, cancellationToken).ConfigureAwait(false);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_database.Sql("UPDATE {schema}.queue SET bucket_id = @bucket, due_ticks = @due, enqueued_ticks = @enqueued WHERE ticket_id = @id;"));
        DeskSql.Add(command, "id", ticket.Id.Value);
        DeskSql.Add(command, "bucket", bucket);
        DeskSql.Add(command, "due", ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue);
        DeskSql.Add(command, "enqueued", ticket.EnqueuedAt.ToUnixTimeTicks());
        var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (changed)
        {
            await _changes.RecordAsync(lease, ticket.Id, cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <inheritdoc />
    /// <remarks>True: inside a desk command's transaction the read locks the change counter until the commit.</remarks>
    public bool ChangesLockedUntilCommit => true;

    /// <inheritdoc />
    public async IAsyncEnumerable<QueueChange> ChangesAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var change in await _changes.ChangesAsync(after, async (lease, b) => await BucketAsync((NpgsqlConnection)lease.Connection, b, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    private async Task<QueueLease?> ClaimCoreAsync(Agent agent, Instant now, CancellationToken cancellationToken)
    {
        var nowTicks = now.ToUnixTimeTicks();
        var token = Guid.NewGuid();
        var until = now + _lease;
        var reap = _reaps.IsDue(nowTicks, out var seen);
        var skills = agent.Skills.Items;
        await using var connection = await _database.OpenQueueAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        if (reap)
        {
            var reaper = new NpgsqlBatchCommand(_reapSql);
            reaper.Parameters.Add(new NpgsqlParameter<long> { TypedValue = nowTicks });
            batch.BatchCommands.Add(reaper);
        }

        // Positional parameters, in the order of the statement's $1..$n: Npgsql sends the text as it is, without parsing it for names.
        var claim = new NpgsqlBatchCommand(_claimSql);
        var parameters = claim.Parameters;
        parameters.Add(new NpgsqlParameter<long> { TypedValue = nowTicks });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = TeamCodes(agent.Teams) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = agent.Id.Value });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = token });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = until.ToUnixTimeTicks() });

        // An agent without skills binds empty arrays: only buckets that require none are eligible.
        string[] codes = skills.Count == 0 ? [] : new string[skills.Count];
        int[] levels = skills.Count == 0 ? [] : new int[skills.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            (codes[i], levels[i]) = (skills[i].Skill.Code, skills[i].Level);
        }

        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = codes });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = levels });

        batch.BatchCommands.Add(claim);
        if (reap)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_earliestLeaseSql));
        }

        string? id = null;
        long bucketId = 0, due = 0, enqueued = 0;
        long? earliest = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                id = reader.GetString(0);
                bucketId = reader.GetInt64(1);
                due = reader.GetInt64(2);
                enqueued = reader.GetInt64(3);
            }

            if (reap && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
            {
                earliest = reader.GetInt64(0);
            }
        }

        if (reap)
        {
            _reaps.Reaped(seen, nowTicks, earliest);
        }

        if (id is null)
        {
            return null;
        }

        _reaps.Issued(until.ToUnixTimeTicks());
        var bucket = await BucketAsync(connection, bucketId, cancellationToken).ConfigureAwait(false);
        return new QueueLease(ToTicket(id, bucket, due, enqueued), agent.Id.Value, token, until);
    }

    private static string[] TeamCodes(IReadOnlyList<TeamId> teams)
    {
        var codes = new string[teams.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = teams[i].Value;
        }

        return codes;
    }

    // The earliest lease still held after the reaper and the claim (the lease index's first entry): when the next reap is due.
    internal const string EarliestLeaseSql = "SELECT min(lease_until) FROM {schema}.queue WHERE claimed_by IS NOT NULL";

    internal const string ReapSql = """
        UPDATE {schema}.queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL
        WHERE ticket_id IN (SELECT ticket_id FROM {schema}.queue
                            WHERE claimed_by IS NOT NULL AND lease_until <= $1
                            FOR UPDATE SKIP LOCKED)
        """;

    // The claim is the schema's queue_claim function (V020): one head per eligible bucket, scored at the claim's instant as
    // SlaTerm.EvaluateTicks does, tried in queue order; a head another claimer holds gives way to its bucket's next waiting ticket.
    internal const string ClaimSql = "SELECT * FROM {schema}.queue_claim($1, $2, $3, $4, $5, $6, $7, {h}, {hticks}, {p}, {o}, {c})";

    // The claim's text for this store: the schema and the SLA term's settings as bigint literals (fixed per store and validated
    // numbers), so that a claim binds only what changes per claim: $1 now, $2 teams, $3 agent, $4 lease token, $5 lease end, $6 skill
    // codes and $7 levels (empty for an agent without skills).
    internal static string ClaimText(PostgreSqlDatabase database, string sql, SlaTermParameters term)
    {
        static string Big(long value) => "(" + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "::bigint)";
        return database.Sql(sql)
            .Replace("{hticks}", Big(term.HorizonTicks), StringComparison.Ordinal)
            .Replace("{h}", Big(term.HorizonSeconds), StringComparison.Ordinal)
            .Replace("{p}", Big(term.PointsAtDue), StringComparison.Ordinal)
            .Replace("{o}", Big(term.OverduePerHour), StringComparison.Ordinal)
            .Replace("{c}", Big(term.CapSeconds), StringComparison.Ordinal);
    }

    private static QueuedTicket ToTicket(string id, QueueBucket bucket, long due, long enqueued) => QueueChangeLog.Queued(id, bucket, due, enqueued);

    // A bucket row commits on its own connection, outside any desk command's transaction, so a cached id always exists.
    private async Task<long> BucketIdAsync(TeamId team, long staticPriority, SkillSet skills, CancellationToken cancellationToken)
    {
        if (_bucketByKey.TryGetValue((team, staticPriority, SkillCodec.Encode(skills)), out var known))
        {
            return known;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await BucketIdAsync(connection, team, staticPriority, skills, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> BucketIdAsync(NpgsqlConnection connection, TeamId team, long staticPriority, SkillSet skills, CancellationToken cancellationToken)
    {
        var code = SkillCodec.Encode(skills);
        if (_bucketByKey.TryGetValue((team, staticPriority, code), out var known))
        {
            return known;
        }

        // Bucket rows are only ever added, in their own transaction, so a cached id always exists.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            _database.Sql("""
                INSERT INTO {schema}.queue_bucket (team, static_priority, skills) VALUES (@team, @static, @skills)
                ON CONFLICT (team, static_priority, skills) DO UPDATE SET skills = excluded.skills
                RETURNING bucket_id;
                """),
            connection,
            transaction);
        command.Parameters.AddWithValue("team", team.Value);
        command.Parameters.AddWithValue("static", staticPriority);
        command.Parameters.AddWithValue("skills", code);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        foreach (var level in skills.Items)
        {
            await using var skill = new NpgsqlCommand(
                _database.Sql("INSERT INTO {schema}.queue_bucket_skill (bucket_id, skill, min_level) VALUES (@b, @s, @l) ON CONFLICT DO NOTHING;"),
                connection,
                transaction);
            skill.Parameters.AddWithValue("b", id);
            skill.Parameters.AddWithValue("s", level.Skill.Code);
            skill.Parameters.AddWithValue("l", level.Level);
            await skill.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _bucketByKey[(team, staticPriority, code)] = id;
        _bucketById[id] = new QueueBucket(id, team, staticPriority, skills);
        return id;
    }

    private async Task<QueueBucket> BucketAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken)
    {
        if (!_bucketById.TryGetValue(id, out var bucket))
        {
            await LoadBucketsAsync(connection, cancellationToken).ConfigureAwait(false);
            bucket = _bucketById[id];
        }

        return bucket;
    }

    private async Task LoadBucketsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _database.Sql("SELECT bucket_id, team, static_priority, skills FROM {schema}.queue_bucket;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var bucket = new QueueBucket(reader.GetInt64(0), new TeamId(reader.GetString(1)), reader.GetInt64(2), SkillCodec.Decode(reader.GetString(3)));
            _bucketById[bucket.Id] = bucket;
            _bucketByKey[(bucket.Team, bucket.StaticPriority, reader.GetString(3))] = bucket.Id;
        }
    }
}
