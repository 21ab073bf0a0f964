using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// The routing queue in SQLite. A claim is one <c>UPDATE … RETURNING</c> over the bucket heads (one indexed probe per eligible
/// (team, static priority, skills) bucket), so it is atomic under SQLite's single writer, and it ranks exactly as
/// <see cref="TicketQueue"/> does at the claim's instant. Leases that expired are returned to the queue in the same transaction
/// before the claim, whenever one can have expired (the store keeps the earliest lease time it knows and skips the reaper before it). It is also the desk's <see cref="IQueueRepository"/> (the same table). Thread-safe; several processes may share the file.
/// </summary>
public sealed partial class SqliteTicketQueueStore : ITicketQueueStore, IQueueRepository
{
    private readonly SqliteDatabase _database;
    private readonly SlaTermParameters _term;
    private readonly Duration _lease;
    private readonly QueueChangeLog _changes;
    private readonly LeaseReapSchedule _reaps = new();
    private readonly ConcurrentDictionary<long, QueueBucket> _bucketById = new();
    private readonly ConcurrentDictionary<(TeamId, long, string), long> _bucketByKey = new();
    // The bucket rows a desk command's or a host's transaction has read or written, not yet cached above (they may still roll back):
    // every further bucket that transaction meets is looked up here before the table is read again. Dropped with the transaction, and
    // when part of it rolls back (a joined unit or a store call undone to its savepoint): SQLite gives a rolled-back row's number to the
    // next bucket, so an entry kept from the undone part could name another bucket's number.
    private readonly ConditionalWeakTable<SqliteTransaction, Dictionary<long, QueueBucket>> _bucketsInTransaction = new();
    private int _bucketTableReads;

    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <param name="slaTerm">The SLA term's settings, the same as the routing's (<see cref="RoutingOptions.SlaTerm"/>); null means the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqliteTicketQueueStore(SqliteStorageOptions options, SlaTermOptions? slaTerm = null)
        : this(new SqliteDatabase(options), slaTerm)
    {
    }

    internal SqliteTicketQueueStore(SqliteDatabase database, SlaTermOptions? slaTerm)
    {
        _database = database;
        _term = new SlaTermParameters(slaTerm);
        _lease = database.Options.LeaseDuration;
        _changes = new QueueChangeLog(database, "crm_", lockForUpdate: false, database.Options.QueueChangeRetention);
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(QueuedTicket ticket, CancellationToken cancellationToken = default)
    {
        if (ticket.Id.IsEmpty)
        {
            throw new ArgumentException("The ticket must not be the default instance.", nameof(ticket));
        }

        // In a desk command's transaction this joins it (the same connection); otherwise it is a transaction of its own.
        using var lease = _database.Lease();
        var transaction = (SqliteTransaction)lease.Begin();
        var connection = (SqliteConnection)lease.Connection;
        // Nothing is cached before a commit (BucketId), so a failure leaves the caches as they were.
        var created = new Dictionary<(TeamId, long, string), long>();
        var bucket = BucketId(connection, transaction, ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, created);
        var command = lease.Command("""
            INSERT INTO crm_queue (ticket_id, bucket_id, due_ticks, enqueued_ticks) VALUES ($id, $bucket, $due, $enqueued)
            ON CONFLICT (ticket_id) DO NOTHING;
            """);
        DeskSql.Add(command, "$id", ticket.Id.Value);
        DeskSql.Add(command, "$bucket", bucket);
        DeskSql.Add(command, "$due", ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue);
        DeskSql.Add(command, "$enqueued", ticket.EnqueuedAt.ToUnixTimeTicks());
        var added = command.ExecuteNonQuery() == 1;
        lease.Commit();
        Remember(created);
        return Task.FromResult(added);
    }

    /// <summary>Adds many tickets in one transaction (for imports and benchmarks); tickets already queued are skipped.</summary>
    /// <param name="tickets">The tickets.</param>
    /// <param name="cancellationToken">Cancels the operation before it commits.</param>
    /// <returns>How many were added.</returns>
    public Task<int> EnqueueManyAsync(IEnumerable<QueuedTicket> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO crm_queue (ticket_id, bucket_id, due_ticks, enqueued_ticks) VALUES ($id, $bucket, $due, $enqueued)
            ON CONFLICT (ticket_id) DO NOTHING;
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var bucket = command.Parameters.Add("$bucket", SqliteType.Integer);
        var due = command.Parameters.Add("$due", SqliteType.Integer);
        var enqueued = command.Parameters.Add("$enqueued", SqliteType.Integer);
        command.Prepare();
        var added = 0;
        var created = new Dictionary<(TeamId, long, string), long>();
        foreach (var ticket in tickets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ticket.Id.IsEmpty)
            {
                throw new ArgumentException("A ticket must not be the default instance.", nameof(tickets));
            }

            id.Value = ticket.Id.Value;
            bucket.Value = BucketId(connection, transaction, ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, created);
            due.Value = ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue;
            enqueued.Value = ticket.EnqueuedAt.ToUnixTimeTicks();
            added += command.ExecuteNonQuery();
        }

        transaction.Commit();
        Remember(created);
        return Task.FromResult(added);
    }

    /// <inheritdoc />
    public Task<QueueLease?> ClaimAsync(Agent agent, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.Availability != Availability.Online || !agent.TryReserveSlot())
        {
            return Task.FromResult<QueueLease?>(null);
        }

        try
        {
            var lease = Claim(agent, now);
            if (lease is null)
            {
                agent.ReleaseSlot();
            }

            return Task.FromResult(lease);
        }
        catch
        {
            agent.ReleaseSlot();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(QueueLease lease, CancellationToken cancellationToken = default)
        => OnLease(lease, "DELETE FROM crm_queue WHERE ticket_id = $id AND lease_token = $token;");

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(QueueLease lease, CancellationToken cancellationToken = default)
        => OnLease(lease, "UPDATE crm_queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL WHERE ticket_id = $id AND lease_token = $token;");

    /// <summary>Runs a statement on the row of a lease that is still held with the same token; true when it touched that row.</summary>
    private Task<bool> OnLease(QueueLease lease, string sql)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", lease.Ticket.Id.Value);
        command.Parameters.AddWithValue("$token", lease.Token.ToString("N"));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        using var lease = _database.Lease();
        var command = lease.Command("DELETE FROM crm_queue WHERE ticket_id = $id;");
        DeskSql.Add(command, "$id", id.Value);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueuedTicket>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        using var lease = _database.Lease();
        var connection = (SqliteConnection)lease.Connection;
        var transaction = (SqliteTransaction?)lease.Transaction;
        var buckets = LoadBuckets(connection, transaction);
        AfterBucketsRead?.Invoke();
        var command = lease.Command("SELECT ticket_id, bucket_id, due_ticks, enqueued_ticks FROM crm_queue;");
        var rows = new List<(string Id, long Bucket, long Due, long Enqueued)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        var list = new List<QueuedTicket>(rows.Count);
        foreach (var row in rows)
        {
            // Outside a transaction each statement reads the latest commit: another connection or process can commit a new bucket and
            // a queue row in it between the bucket read above and the row read. Read that bucket now (the reader is closed).
            var bucket = buckets.TryGetValue(row.Bucket, out var known) ? known : Bucket(connection, transaction, row.Bucket);
            list.Add(ToTicket(row.Id, bucket, row.Due, row.Enqueued));
        }

        return Task.FromResult<IReadOnlyList<QueuedTicket>>(list);
    }

    /// <summary>For tests: run by <see cref="LoadAllAsync"/> between its read of the buckets and its read of the queue rows, so that a
    /// test can commit another connection's new bucket and queue row exactly there. Null (nothing runs) unless a test sets it.</summary>
    internal Action? AfterBucketsRead { get; set; }

    /// <inheritdoc />
    public async ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ticket = entry.ToQueued();
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var transaction = (SqliteTransaction)lease.Begin();
        var created = new Dictionary<(TeamId, long, string), long>();
        var bucket = BucketId((SqliteConnection)lease.Connection, transaction, ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, created);
        var command = lease.Command("UPDATE crm_queue SET bucket_id = $bucket, due_ticks = $due, enqueued_ticks = $enqueued WHERE ticket_id = $id;");
        DeskSql.Add(command, "$id", ticket.Id.Value);
        DeskSql.Add(command, "$bucket", bucket);
        DeskSql.Add(command, "$due", ticket.Due is { } d ? d.ToUnixTimeTicks() : SlaTermParameters.NoDue);
        DeskSql.Add(command, "$enqueued", ticket.EnqueuedAt.ToUnixTimeTicks());
        var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (changed)
        {
            await _changes.RecordAsync(lease, ticket.Id, cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        Remember(created);
        return changed;
    }

    /// <inheritdoc />
    /// <remarks>True: a desk command's transaction holds SQLite's write lock from its first read to its commit.</remarks>
    public bool ChangesLockedUntilCommit => true;

    /// <inheritdoc />
    public async IAsyncEnumerable<QueueChange> ChangesAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var change in await _changes.ChangesAsync(after, (lease, b) => ValueTask.FromResult(Bucket((SqliteConnection)lease.Connection, (SqliteTransaction?)lease.Transaction, b)), cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    private QueueLease? Claim(Agent agent, Instant now)
    {
        var nowTicks = now.ToUnixTimeTicks();
        var token = Guid.NewGuid();
        var until = now + _lease;
        var reap = _reaps.IsDue(nowTicks, out var seen);
        var skills = agent.Skills.Items;
        // A kept-open connection of its own (never a desk command's), whose statements stay prepared between claims.
        using var lease = _database.LeaseOutsideSession();
        var transaction = (SqliteTransaction)lease.Begin();
        var connection = (SqliteConnection)lease.Connection;
        if (reap)
        {
            var reaper = lease.Command(ReapSql);
            DeskSql.Add(reaper, "$now", nowTicks);
            reaper.ExecuteNonQuery();
        }

        var command = lease.Command(skills.Count == 0 ? ClaimUnskilledSql : ClaimSql);
        DeskSql.Add(command, "$now", nowTicks);
        DeskSql.Add(command, "$teams", JsonSerializer.Serialize(agent.Teams.Select(t => t.Value)));
        if (skills.Count > 0)
        {
            DeskSql.Add(command, "$skills", JsonSerializer.Serialize(skills.Select(s => new object[] { s.Skill.Code, s.Level })));
        }

        DeskSql.Add(command, "$agent", agent.Id.Value);
        DeskSql.Add(command, "$token", token.ToString("N"));
        DeskSql.Add(command, "$until", until.ToUnixTimeTicks());
        DeskSql.Add(command, "$h", _term.HorizonSeconds);
        DeskSql.Add(command, "$hticks", _term.HorizonTicks);
        DeskSql.Add(command, "$p", _term.PointsAtDue);
        DeskSql.Add(command, "$o", _term.OverduePerHour);
        DeskSql.Add(command, "$c", _term.CapSeconds);
        QueueLease? claimed = null;
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                var bucket = Bucket(connection, transaction, reader.GetInt64(1));
                claimed = new QueueLease(ToTicket(reader.GetString(0), bucket, reader.GetInt64(2), reader.GetInt64(3)), agent.Id.Value, token, until);
            }
        }

        long? earliest = null;
        if (reap && lease.Command(EarliestLeaseSql).ExecuteScalar() is long first)
        {
            earliest = first;
        }

        lease.Commit();
        if (reap)
        {
            _reaps.Reaped(seen, nowTicks, earliest);
        }

        if (claimed is not null)
        {
            _reaps.Issued(until.ToUnixTimeTicks());
        }

        return claimed;
    }

    // Expired leases go back to the queue; a claim runs it first whenever a lease can have expired (LeaseReapSchedule).
    internal const string ReapSql = "UPDATE crm_queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL WHERE claimed_by IS NOT NULL AND lease_until <= $now;";

    // The earliest lease still held after a reap and the claim (the lease index's first entry): when the next reap is due.
    internal const string EarliestLeaseSql = "SELECT min(lease_until) FROM crm_queue WHERE claimed_by IS NOT NULL;";

    // One UPDATE takes the best bucket head. Eligible buckets: a team the agent serves and no required skill the agent lacks at the
    // level asked. The score is static priority + SlaTerm(due − now), computed as SlaTerm.EvaluateTicks does (whole seconds rounded
    // down; no-SLA tickets carry the maximum due value and score 0).
    internal const string ClaimSql = """
        WITH eligible AS (
            SELECT b.bucket_id, b.static_priority FROM crm_queue_bucket b
            WHERE b.team IN (SELECT value FROM json_each($teams))
              AND NOT EXISTS (
                SELECT 1 FROM crm_queue_bucket_skill r
                WHERE r.bucket_id = b.bucket_id
                  AND NOT EXISTS (SELECT 1 FROM json_each($skills) a
                                  WHERE a.value ->> 0 = r.skill AND a.value ->> 1 >= r.min_level))
        ),
        """ + ClaimHeadsSql;

    // An agent without skills is eligible only for buckets that require none (their skills text is empty).
    internal const string ClaimUnskilledSql = """
        WITH eligible AS (
            SELECT b.bucket_id, b.static_priority FROM crm_queue_bucket b
            WHERE b.team IN (SELECT value FROM json_each($teams)) AND b.skills = ''
        ),
        """ + ClaimHeadsSql;

    private const string ClaimHeadsSql = """
        heads AS (
            SELECT e.static_priority, q.ticket_id, q.due_ticks, q.enqueued_ticks,
                   CASE WHEN q.due_ticks = 9223372036854775807 OR q.due_ticks - $now >= $hticks THEN NULL
                        WHEN q.due_ticks >= $now THEN (q.due_ticks - $now) / 10000000
                        ELSE -((($now - q.due_ticks) + 9999999) / 10000000) END AS s
            FROM eligible e
            JOIN crm_queue q ON q.ticket_id = (
                SELECT h.ticket_id FROM crm_queue h
                WHERE h.bucket_id = e.bucket_id AND h.claimed_by IS NULL
                ORDER BY h.due_ticks, h.enqueued_ticks, h.ticket_id
                LIMIT 1)
        )
        UPDATE crm_queue SET claimed_by = $agent, lease_token = $token, lease_until = $until
        WHERE ticket_id = (
            SELECT ticket_id FROM heads
            ORDER BY static_priority + CASE WHEN s IS NULL OR s >= $h THEN 0
                                            WHEN s >= 0 THEN ($p * ($h - s)) / $h
                                            ELSE $p + ($o * min(-s, $c)) / 3600 END DESC,
                     due_ticks, enqueued_ticks, ticket_id
            LIMIT 1)
        RETURNING ticket_id, bucket_id, due_ticks, enqueued_ticks;
        """;

    private static QueuedTicket ToTicket(string id, QueueBucket bucket, long due, long enqueued) => QueueChangeLog.Queued(id, bucket, due, enqueued);

    /// <summary>
    /// The id of a bucket, inserted when new, in the caller's transaction. A new id is remembered only once that transaction commits (a
    /// rolled-back bucket's rowid goes to the next bucket): through the desk session's commit, else by the caller, which passes
    /// <paramref name="created"/> and remembers it after its own commit (<see cref="Remember(Dictionary{ValueTuple{TeamId, long, string}, long})"/>).
    /// </summary>
    private long BucketId(SqliteConnection connection, SqliteTransaction transaction, TeamId team, long staticPriority, SkillSet skills, Dictionary<(TeamId, long, string), long> created)
    {
        var code = SkillCodec.Encode(skills);
        if (_bucketByKey.TryGetValue((team, staticPriority, code), out var known) || created.TryGetValue((team, staticPriority, code), out known))
        {
            return known;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO crm_queue_bucket (team, static_priority, skills) VALUES ($team, $static, $skills)
            ON CONFLICT (team, static_priority, skills) DO NOTHING;
            SELECT bucket_id FROM crm_queue_bucket WHERE team = $team AND static_priority = $static AND skills = $skills;
            """;
        command.Parameters.AddWithValue("$team", team.Value);
        command.Parameters.AddWithValue("$static", staticPriority);
        command.Parameters.AddWithValue("$skills", code);
        var id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var skill = connection.CreateCommand();
        skill.Transaction = transaction;
        skill.CommandText = "INSERT INTO crm_queue_bucket_skill (bucket_id, skill, min_level) VALUES ($b, $s, $l) ON CONFLICT DO NOTHING;";
        foreach (var level in skills.Items)
        {
            skill.Parameters.Clear();
            skill.Parameters.AddWithValue("$b", id);
            skill.Parameters.AddWithValue("$s", level.Skill.Code);
            skill.Parameters.AddWithValue("$l", level.Level);
            skill.ExecuteNonQuery();
        }

        if (_database.Current is { } session && ReferenceEquals(session.Transaction, transaction))
        {
            // Seen by the rest of the transaction at once (a bucket number a rolled-back unit freed and this one reused is replaced).
            var bucket = new QueueBucket(id, team, staticPriority, SkillCodec.Decode(code));
            _bucketsInTransaction.GetOrCreateValue(transaction)[id] = bucket;
            session.WhenEnded(committed => Ended(transaction, committed, () => Remember(bucket, code)));
        }
        else
        {
            created[(team, staticPriority, code)] = id;
        }

        return id;
    }

    /// <summary>
    /// The end of what registered a bucket in <see cref="_bucketsInTransaction"/>: committed, <paramref name="remember"/> caches it;
    /// rolled back (the whole transaction, or the part that read or wrote it, to a savepoint), the transaction's buckets are forgotten,
    /// so that the rest of it reads the table again instead of a bucket that is no longer there.
    /// </summary>
    private void Ended(SqliteTransaction transaction, bool committed, Action remember)
    {
        if (committed)
        {
            remember();
        }
        else
        {
            _bucketsInTransaction.Remove(transaction);
        }
    }

    /// <summary>Remembers the buckets a transaction of the store's own created, once it has committed.</summary>
    private void Remember(Dictionary<(TeamId, long, string), long> created)
    {
        foreach (var ((team, staticPriority, code), id) in created)
        {
            Remember(id, team, staticPriority, code);
        }
    }

    /// <summary>Remembers a committed bucket by id and by key (so its first claim or change finds it without reading the table).</summary>
    private void Remember(long id, TeamId team, long staticPriority, string skills) => Remember(new QueueBucket(id, team, staticPriority, SkillCodec.Decode(skills)), skills);

    /// <summary>Remembers a committed bucket already built (<paramref name="skills"/> is its skills' stored text).</summary>
    private void Remember(QueueBucket bucket, string skills)
    {
        _bucketById[bucket.Id] = bucket;
        _bucketByKey[(bucket.Team, bucket.StaticPriority, skills)] = bucket.Id;
    }

    /// <summary>For tests: the database the store works on.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>For tests: how many times the store has read the whole bucket table.</summary>
    internal int BucketTableReads => Volatile.Read(ref _bucketTableReads);

    /// <summary>For tests: the bucket cached (committed) under <paramref name="id"/>, or null.</summary>
    internal QueueBucket? CachedBucket(long id) => _bucketById.TryGetValue(id, out var bucket) ? bucket : null;

    /// <summary>
    /// A bucket by id: from the cache, else (inside a transaction) from the buckets that transaction already read or wrote, else from the
    /// committed rows, read on a connection of their own outside any transaction (in WAL mode, where that never waits; without WAL this
    /// step is left out) and cached at once, so a command that meets many buckets another process created reads them once; only a
    /// bucket its own transaction wrote is read inside that transaction, kept for the rest of it, and cached when it commits. So the
    /// table is read at most twice per transaction for buckets it can see, however many rows name them.
    /// </summary>
    private QueueBucket Bucket(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        if (_bucketById.TryGetValue(id, out var bucket))
        {
            return bucket;
        }

        if (transaction is not null && _bucketsInTransaction.TryGetValue(transaction, out var seen) && seen.TryGetValue(id, out bucket))
        {
            return bucket;
        }

        if (transaction is not null && _database.IsWal)
        {
            // Without WAL a reader beside this transaction's writes could wait for them, that is for itself.
            using var outside = _database.LeaseOutsideSession();
            if (LoadBuckets((SqliteConnection)outside.Connection, null).TryGetValue(id, out bucket))
            {
                return bucket;
            }
        }

        return LoadBuckets(connection, transaction)[id];
    }

    // Every bucket row the transaction sees, by id. Rows read in a desk command's or a host's transaction may include buckets that
    // transaction wrote and may still roll back (to a savepoint too), and SQLite gives a rolled-back row's number to the next bucket:
    // they are cached only once the session commits (a joined unit that rolls back drops the callback). Elsewhere (no transaction, or
    // a claim's own, which writes no bucket) only committed rows are seen, and they are cached at once; bucket rows are never deleted.
    private IReadOnlyDictionary<long, QueueBucket> LoadBuckets(SqliteConnection connection, SqliteTransaction? transaction)
    {
        Interlocked.Increment(ref _bucketTableReads);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT bucket_id, team, static_priority, skills FROM crm_queue_bucket;";
        var read = new Dictionary<long, (QueueBucket Bucket, string Skills)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var skills = reader.GetString(3);
                read[reader.GetInt64(0)] = (new QueueBucket(reader.GetInt64(0), new TeamId(reader.GetString(1)), reader.GetInt64(2), SkillCodec.Decode(skills)), skills);
            }
        }

        var buckets = read.ToDictionary(r => r.Key, r => r.Value.Bucket);
        if (transaction is not null && _database.Current is { } session && ReferenceEquals(session.Transaction, transaction))
        {
            _bucketsInTransaction.AddOrUpdate(transaction, buckets);
            session.WhenEnded(committed => Ended(transaction, committed, () => Remember(read)));
        }
        else
        {
            Remember(read);
        }

        return buckets;
    }

    // The buckets as LoadBuckets built them (not decoded again).
    private void Remember(Dictionary<long, (QueueBucket Bucket, string Skills)> read)
    {
        foreach (var (bucket, skills) in read.Values)
        {
            Remember(bucket, skills);
        }
    }
}
