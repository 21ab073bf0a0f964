using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Tickets in a database: a current-state row with a version, an append-only status history (one row per change, never updated),
/// the survey in a table of its own and the outbox, all written in one transaction. Thread-safe.
/// </summary>
internal sealed class DbTicketRepository(DeskSql sql) : IOutboxTicketRepository, ISurveyRepository
{
    private const string Columns =
        "t.id, t.version, t.customer_id, t.description, t.urgency, t.type, t.channel, t.department, t.expected_resolution_at, t.related_asset_id, " +
        "t.raised_at, t.created_at, t.owner, t.status, t.solution, t.reopen_count, t.first_response_at, t.resolved_at, t.closed_at, " +
        "t.customer_confirmed_at, t.revisit_completed_at, t.last_change_at, t.timeline, " +
        "s.customer_id, s.answered_at, s.csat, s.nps, s.dimensions, s.comment, " +
        "t.next_due_at, t.first_response_due_at, t.resolution_due_at, t.revisit_due_at, t.sla_breached, t.routed_group";

    // next_due_at of a ticket whose due times were never computed (TicketState.Due null): before any real instant, so it counts as due.
    private static readonly Instant NeverComputed = Instant.FromUtc(1900, 1, 1, 0, 0);

    private readonly string _insert = sql.Sql("""
        INSERT INTO {t}ticket (id, version, customer_id, description, urgency, type, channel, department, expected_resolution_at,
            related_asset_id, raised_at, created_at, owner, status, is_open, solution, reopen_count, first_response_at, resolved_at,
            closed_at, customer_confirmed_at, revisit_completed_at, last_change_at, timeline,
            next_due_at, first_response_due_at, resolution_due_at, revisit_due_at, sla_breached, routed_group)
        VALUES (@id, @version, @customer_id, @description, @urgency, @type, @channel, @department, @expected_resolution_at,
            @related_asset_id, @raised_at, @created_at, @owner, @status, @is_open, @solution, @reopen_count, @first_response_at, @resolved_at,
            @closed_at, @customer_confirmed_at, @revisit_completed_at, @last_change_at, @timeline,
            @next_due_at, @first_response_due_at, @resolution_due_at, @revisit_due_at, @sla_breached, @routed_group)
        ON CONFLICT (id) DO NOTHING
        """);

    private readonly string _update = sql.Sql("""
        UPDATE {t}ticket SET version = @version, customer_id = @customer_id, description = @description, urgency = @urgency, type = @type,
            channel = @channel, department = @department, expected_resolution_at = @expected_resolution_at, related_asset_id = @related_asset_id,
            raised_at = @raised_at, created_at = @created_at, owner = @owner, status = @status, is_open = @is_open, solution = @solution,
            reopen_count = @reopen_count, first_response_at = @first_response_at, resolved_at = @resolved_at, closed_at = @closed_at,
            customer_confirmed_at = @customer_confirmed_at, revisit_completed_at = @revisit_completed_at, last_change_at = @last_change_at,
            timeline = @timeline, next_due_at = @next_due_at, first_response_due_at = @first_response_due_at,
            resolution_due_at = @resolution_due_at, revisit_due_at = @revisit_due_at, sla_breached = @sla_breached, routed_group = @routed_group
        WHERE id = @id AND version = @expected
        RETURNING (SELECT count(*) FROM {t}ticket_status_history h WHERE h.ticket_id = @id)
        """);

    private readonly string _reschedule = sql.Sql("""
        UPDATE {t}ticket SET next_due_at = @next_due_at, first_response_due_at = @first_response_due_at, resolution_due_at = @resolution_due_at,
            revisit_due_at = @revisit_due_at, sla_breached = @sla_breached
        WHERE id = @id AND version = @version
        """);

    // The statuses whose owner holds a slot, from TicketLifecycle.HoldsOwnerSlot, in enum order: 'Pending', 'InProgress', 'WaitingForCustomer'.
    private static readonly string HeldStatuses =
        string.Join(", ", Enum.GetValues<TicketStatus>().Where(TicketLifecycle.HoldsOwnerSlot).Select(s => $"'{s}'"));

    private readonly string _countHeld = sql.Sql(
        $"SELECT owner, count(*) FROM {{t}}ticket WHERE is_open = {sql.True} AND status IN ({HeldStatuses}) GROUP BY owner");

    private readonly string _history = sql.Sql("INSERT INTO {t}ticket_status_history (ticket_id, seq, at, from_status, to_status, by) VALUES (@id, @seq, @at, @from, @to, @by)");

    private readonly string _survey = sql.Sql("""
        INSERT INTO {t}ticket_survey (ticket_id, customer_id, answered_at, csat, nps, dimensions, comment)
        VALUES (@id, @customer, @at, @csat, @nps, @dimensions, @comment)
        ON CONFLICT (ticket_id) DO UPDATE SET customer_id = excluded.customer_id, answered_at = excluded.answered_at, csat = excluded.csat,
            nps = excluded.nps, dimensions = excluded.dimensions, comment = excluded.comment
        """);

    private readonly string _earlierSurvey = sql.Sql("""
        INSERT INTO {t}ticket_survey_earlier (ticket_id, seq, customer_id, answered_at, csat, nps, dimensions, comment)
        VALUES (@id, @seq, @customer, @at, @csat, @nps, @dimensions, @comment)
        """);

    private readonly string _outbox = sql.Sql("INSERT INTO {t}outbox (aggregate_id, event_type, payload, occurred_at) VALUES (@a, @t, " + sql.Json("@p") + ", @o)");

    /// <inheritdoc />
    public async ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var state in ReadAsync(lease, "t.id = @id", false, c => DeskSql.Add(c, "@id", id.Value), cancellationToken).ConfigureAwait(false))
        {
            return state;
        }

        return null;
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        SaveAsync(state, expectedVersion, [], cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (state.Version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {state.Version} of ticket {state.Id} must be above the expected version {expectedVersion}.", nameof(state));
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(lease, state, expectedVersion, events, cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask AppendEventsAsync(IReadOnlyList<(string AggregateId, IDomainEvent Event)> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (aggregate, e) in events)
        {
            await WriteOutboxAsync(lease, aggregate, [e], cancellationToken).ConfigureAwait(false);
        }

        // Audited in the same transaction, as a command's ticket save audits its events.
        await DbAuditStore.AppendAsync(sql, lease, AdvanceAudit.From(events), cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_reschedule);
        DeskSql.Add(command, "@id", id.Value);
        DeskSql.Add(command, "@version", version);
        BindDue(command, due);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Writes many new tickets (expected version 0) in one transaction: all of them or none.</summary>
    public async Task SaveNewAsync(IReadOnlyList<(TicketState State, IReadOnlyList<IDomainEvent> Events)> tickets, CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        // The batch's audit records are appended once, after its tickets, in ticket order: one read of each chain's head for the
        // whole batch instead of two reads per ticket.
        var audit = new List<Audit.AuditEntry>();
        foreach (var (state, events) in tickets)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (state.Version <= 0)
            {
                throw new ArgumentException($"The version {state.Version} of new ticket {state.Id} must be above 0.", nameof(tickets));
            }

            await WriteAsync(lease, state, 0, events, cancellationToken, audit).ConfigureAwait(false);
        }

        await DbAuditStore.AppendAsync(sql, lease, audit, cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(query, cancellationToken));

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<AgentId, int>> CountHeldByOwnerAsync(CancellationToken cancellationToken = default)
    {
        // The WHERE clause is the partial index ticket_held's (schema 13) word for word, so the count reads only that index.
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_countHeld);
        var counts = new Dictionary<AgentId, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[new AgentId(reader.GetString(0))] = DeskSql.Int(reader, 1);
        }

        return counts;
    }

    private async IAsyncEnumerable<TicketState> StreamListAsync(TicketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        if (query.OpenOnly)
        {
            where.Add("t.is_open = @open");
        }

        if (query.Customer is not null)
        {
            where.Add("t.customer_id = @customer");
        }

        if (query.CreatedFrom is not null)
        {
            where.Add("t.created_at >= @from");
        }

        if (query.CreatedBefore is not null)
        {
            where.Add("t.created_at < @before");
        }

        if (query.RaisedFrom is not null)
        {
            where.Add("t.raised_at >= @raised_from");
        }

        if (query.RaisedBefore is not null)
        {
            where.Add("t.raised_at < @raised_before");
        }

        if (query.DueBy is not null)
        {
            // The literal lets the partial index on open tickets' next_due_at serve the query (a parameter would not).
            where.Add($"t.is_open = {sql.True} AND t.next_due_at <= @due");
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var filter = where.Count == 0 ? "1 = 1" : string.Join(" AND ", where);
        // A due listing is small and sorted here: ordering in SQL would let the planner walk every open ticket in creation order
        // instead of the due-time index.
        await foreach (var state in ReadAsync(lease, filter, query.DueBy is not null, c =>
        {
            if (query.OpenOnly)
            {
                DeskSql.Add(c, "@open", sql.Bool(true));
            }

            if (query.Customer is { } customer)
            {
                DeskSql.Add(c, "@customer", customer.Value);
            }

            if (query.CreatedFrom is { } from)
            {
                DeskSql.Add(c, "@from", sql.Time(from));
            }

            if (query.CreatedBefore is { } before)
            {
                DeskSql.Add(c, "@before", sql.Time(before));
            }

            if (query.RaisedFrom is { } raisedFrom)
            {
                DeskSql.Add(c, "@raised_from", sql.Time(raisedFrom));
            }

            if (query.RaisedBefore is { } raisedBefore)
            {
                DeskSql.Add(c, "@raised_before", sql.Time(raisedBefore));
            }

            if (query.DueBy is { } due)
            {
                DeskSql.Add(c, "@due", sql.Time(due));
            }
        }, cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(from, before, cancellationToken));

    private async IAsyncEnumerable<SurveyResponse> StreamListAsync(Instant from, Instant before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(sql.Sql("""
            SELECT ticket_id, customer_id, answered_at, csat, nps, dimensions, comment FROM {t}ticket_survey
            WHERE answered_at >= @from AND answered_at < @before ORDER BY answered_at, ticket_id
            """));
        DeskSql.Add(command, "@from", sql.Time(from));
        DeskSql.Add(command, "@before", sql.Time(before));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Survey(reader, new TicketId(reader.GetString(0)), 1);
        }
    }

    // With auditLater, the change's audit entries are added to it for the caller to append; otherwise they are appended here.
    private async Task WriteAsync(DbLease commands, TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken, List<Audit.AuditEntry>? auditLater = null)
    {
        var command = commands.Command(expectedVersion == 0 ? _insert : _update);
        Bind(command, state);
        if (expectedVersion != 0)
        {
            DeskSql.Add(command, "@expected", expectedVersion);
        }

        // The status history is append-only: keep what is stored, add what is new. An update returns how many entries are stored (the
        // write and the count in one round trip); a ticket just inserted has none (history rows need their ticket row, and neither can
        // be deleted).
        long storedEntries = 0;
        bool written;
        if (expectedVersion == 0)
        {
            written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        else
        {
            var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            written = count is not null and not DBNull;
            storedEntries = written ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        if (!written)
        {
            var read = commands.Command(sql.Sql("SELECT version FROM {t}ticket WHERE id = @id"));
            DeskSql.Add(read, "@id", state.Id.Value);
            var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            commands.FailsWithoutWrite(); // nothing written, no statement failed: a caller may go on past the conflict
            throw new ConcurrencyConflictException($"ticket {state.Id}", expectedVersion, stored);
        }

        commands.Wrote();

        if (state.StatusHistory.Count < storedEntries)
        {
            throw new InvalidOperationException($"The status history of ticket {state.Id} is append-only: {storedEntries} entries are stored, the new state has {state.StatusHistory.Count}.");
        }

        for (var i = (int)storedEntries; i < state.StatusHistory.Count; i++)
        {
            var change = state.StatusHistory[i];
            var insert = commands.Command(_history);
            DeskSql.Add(insert, "@id", state.Id.Value);
            DeskSql.Add(insert, "@seq", (long)i);
            DeskSql.Add(insert, "@at", sql.Time(change.At));
            DeskSql.Add(insert, "@from", change.From.ToString());
            DeskSql.Add(insert, "@to", change.To.ToString());
            DeskSql.Add(insert, "@by", change.By);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (state.Survey is { } survey)
        {
            var upsert = commands.Command(_survey);
            DeskSql.Add(upsert, "@id", state.Id.Value);
            BindSurvey(upsert, survey);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await WriteEarlierSurveysAsync(commands, state, expectedVersion, cancellationToken).ConfigureAwait(false);
        }

        await WriteOutboxAsync(commands, state.Id.Value, events, cancellationToken).ConfigureAwait(false);
        if (auditLater is not null)
        {
            auditLater.AddRange(Audit.TicketAudit.From(events));
        }
        else
        {
            await AuditAsync(commands, events, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteOutboxAsync(DbLease commands, string aggregateId, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        foreach (var message in OutboxEvents.Rows(aggregateId, events))
        {
            var outbox = commands.Command(_outbox);
            DeskSql.Add(outbox, "@a", message.AggregateId);
            DeskSql.Add(outbox, "@t", message.EventType);
            DeskSql.Add(outbox, "@p", message.Payload);
            DeskSql.Add(outbox, "@o", sql.Time(message.OccurredAt));
            await outbox.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The audit trail's records of the change (creation, status and owner changes), in the ticket's transaction.</summary>
    private Task AuditAsync(DbLease commands, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken) =>
        DbAuditStore.AppendAsync(sql, commands, Audit.TicketAudit.From(events), cancellationToken);
    // The answers before the latest (a reopened ticket surveyed again) are append-only rows in their own table: keep what is stored,
    // add what is new. The latest answer is the row of ticket_survey.
    private async Task WriteEarlierSurveysAsync(DbLease commands, TicketState state, long expectedVersion, CancellationToken cancellationToken)
    {
        var earlier = state.Surveys.Count - 1;
        if (earlier <= 0)
        {
            return;
        }

        long stored = 0;
        if (expectedVersion != 0)
        {
            var count = commands.Command(sql.Sql("SELECT count(*) FROM {t}ticket_survey_earlier WHERE ticket_id = @id"));
            DeskSql.Add(count, "@id", state.Id.Value);
            stored = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (earlier < stored)
        {
            throw new InvalidOperationException($"The survey answers of ticket {state.Id} are append-only: {stored + 1} are stored, the new state has {state.Surveys.Count}.");
        }

        for (var i = (int)stored; i < earlier; i++)
        {
            var insert = commands.Command(_earlierSurvey);
            DeskSql.Add(insert, "@id", state.Id.Value);
            DeskSql.Add(insert, "@seq", (long)i);
            BindSurvey(insert, state.Surveys[i]);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void BindSurvey(DbCommand command, SurveyResponse survey)
    {
        DeskSql.Add(command, "@customer", survey.Customer.Value);
        DeskSql.Add(command, "@at", sql.Time(survey.AnsweredAt));
        DeskSql.Add(command, "@csat", (long)survey.Csat.Value);
        DeskSql.Add(command, "@nps", survey.Nps is { } nps ? (long)nps.Value : null);
        DeskSql.Add(command, "@dimensions", DeskJson.Dimensions(survey.DimensionScores));
        DeskSql.Add(command, "@comment", survey.Comment);
    }

    private void Bind(DbCommand command, TicketState s)
    {
        DeskSql.Add(command, "@id", s.Id.Value);
        DeskSql.Add(command, "@version", s.Version);
        DeskSql.Add(command, "@customer_id", s.CustomerId.Value);
        DeskSql.Add(command, "@description", s.Description);
        DeskSql.Add(command, "@urgency", s.Urgency.ToString());
        DeskSql.Add(command, "@type", s.Type.Code);
        DeskSql.Add(command, "@channel", s.Channel.Code);
        DeskSql.Add(command, "@department", s.Department);
        DeskSql.Add(command, "@expected_resolution_at", sql.TimeOrNull(s.ExpectedResolutionAt));
        DeskSql.Add(command, "@related_asset_id", s.RelatedAssetId);
        DeskSql.Add(command, "@raised_at", sql.Time(s.RaisedAt));
        DeskSql.Add(command, "@created_at", sql.Time(s.CreatedAt));
        DeskSql.Add(command, "@owner", s.Owner.Value);
        DeskSql.Add(command, "@status", s.Status.ToString());
        DeskSql.Add(command, "@is_open", sql.Bool(!TicketLifecycle.IsFinished(s.Status)));
        DeskSql.Add(command, "@solution", s.Solution);
        DeskSql.Add(command, "@reopen_count", (long)s.ReopenCount);
        DeskSql.Add(command, "@first_response_at", sql.TimeOrNull(s.FirstResponseAt));
        DeskSql.Add(command, "@resolved_at", sql.TimeOrNull(s.ResolvedAt));
        DeskSql.Add(command, "@closed_at", sql.TimeOrNull(s.ClosedAt));
        DeskSql.Add(command, "@customer_confirmed_at", sql.TimeOrNull(s.CustomerConfirmedAt));
        DeskSql.Add(command, "@revisit_completed_at", sql.TimeOrNull(s.RevisitCompletedAt));
        DeskSql.Add(command, "@last_change_at", sql.Time(s.LastChangeAt));
        DeskSql.Add(command, "@timeline", DeskJson.Timeline(s.Timeline));
        DeskSql.Add(command, "@routed_group", s.RoutedGroup?.Value);
        if (s.Due is { } due)
        {
            BindDue(command, due);
        }
        else
        {
            BindDue(command, new TicketDueTimes { NextAt = NeverComputed });
        }
    }

    private void BindDue(DbCommand command, TicketDueTimes due)
    {
        DeskSql.Add(command, "@next_due_at", sql.TimeOrNull(due.NextAt));
        DeskSql.Add(command, "@first_response_due_at", sql.TimeOrNull(due.FirstResponseDueAt));
        DeskSql.Add(command, "@resolution_due_at", sql.TimeOrNull(due.ResolutionDueAt));
        DeskSql.Add(command, "@revisit_due_at", sql.TimeOrNull(due.RevisitDueAt));
        DeskSql.Add(command, "@sla_breached", sql.Bool(due.Breached));
    }

    // Reads the matching ticket rows in order (by the database, or here when sortHere), then their history, and joins them in memory.
    // The history is read for the matching ids (IN over the ticket filter), so its primary key serves it whatever the filter is.
    private async IAsyncEnumerable<TicketState> ReadAsync(DbLease lease, string filter, bool sortHere, Action<DbCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<TicketState>();
        {
            var command = lease.Command(sql.Sql($"SELECT {Columns} FROM {{t}}ticket t LEFT JOIN {{t}}ticket_survey s ON s.ticket_id = t.id WHERE {filter}{(sortHere ? "" : " ORDER BY t.created_at, t.id")}"));
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Row(reader));
            }
        }

        if (rows.Count == 0)
        {
            yield break;
        }

        if (sortHere)
        {
            rows.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id.Value, b.Id.Value));
        }

        var histories = rows.ToDictionary(r => r.Id.Value, _ => new List<StatusChange>(), StringComparer.Ordinal);
        {
            var command = lease.Command(sql.Sql($"SELECT h.ticket_id, h.at, h.from_status, h.to_status, h.by FROM {{t}}ticket_status_history h WHERE h.ticket_id IN (SELECT t.id FROM {{t}}ticket t WHERE {filter}) ORDER BY h.ticket_id, h.seq"));
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                histories[reader.GetString(0)].Add(new StatusChange(sql.ReadTime(reader, 1), Enum.Parse<TicketStatus>(reader.GetString(2)), Enum.Parse<TicketStatus>(reader.GetString(3)), reader.GetString(4)));
            }
        }

        // Earlier survey answers exist only where a latest one does: read them only then.
        var surveys = rows.Where(r => r.Survey is not null).ToDictionary(r => r.Id.Value, _ => new List<SurveyResponse>(), StringComparer.Ordinal);
        if (surveys.Count > 0)
        {
            var command = lease.Command(sql.Sql($"SELECT e.ticket_id, e.customer_id, e.answered_at, e.csat, e.nps, e.dimensions, e.comment FROM {{t}}ticket_survey_earlier e WHERE e.ticket_id IN (SELECT t.id FROM {{t}}ticket t WHERE {filter}) ORDER BY e.ticket_id, e.seq"));
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (surveys.TryGetValue(reader.GetString(0), out var list))
                {
                    list.Add(Survey(reader, new TicketId(reader.GetString(0)), 1));
                }
            }
        }

        foreach (var row in rows)
        {
            yield return surveys.TryGetValue(row.Id.Value, out var earlier) && earlier.Count > 0
                ? row with { StatusHistory = histories[row.Id.Value], Surveys = [.. earlier, .. row.Surveys] }
                : row with { StatusHistory = histories[row.Id.Value] };
        }
    }

    private TicketState Row(DbDataReader r)
    {
        var id = new TicketId(r.GetString(0));
        return new TicketState
        {
            Id = id,
            Version = DeskSql.Long(r, 1),
            CustomerId = new CustomerId(r.GetString(2)),
            Description = r.GetString(3),
            Urgency = Enum.Parse<Urgency>(r.GetString(4)),
            Type = new TicketType(r.GetString(5)),
            Channel = new Channel(r.GetString(6)),
            Department = DeskSql.StringOrNull(r, 7),
            ExpectedResolutionAt = sql.ReadTimeOrNull(r, 8),
            RelatedAssetId = DeskSql.StringOrNull(r, 9),
            RaisedAt = sql.ReadTime(r, 10),
            CreatedAt = sql.ReadTime(r, 11),
            Owner = new AgentId(r.GetString(12)),
            Status = Enum.Parse<TicketStatus>(r.GetString(13)),
            Solution = DeskSql.StringOrNull(r, 14),
            ReopenCount = DeskSql.Int(r, 15),
            FirstResponseAt = sql.ReadTimeOrNull(r, 16),
            ResolvedAt = sql.ReadTimeOrNull(r, 17),
            ClosedAt = sql.ReadTimeOrNull(r, 18),
            CustomerConfirmedAt = sql.ReadTimeOrNull(r, 19),
            RevisitCompletedAt = sql.ReadTimeOrNull(r, 20),
            LastChangeAt = sql.ReadTime(r, 21),
            Timeline = DeskJson.Timeline(r.GetString(22)),
            Surveys = r.IsDBNull(23) ? [] : [Survey(r, id, 23)],
            StatusHistory = [],
            Due = Due(r, 29),
            RoutedGroup = r.IsDBNull(34) ? null : new TeamId(r.GetString(34)),
        };
    }

    // Reads (next_due_at, first_response_due_at, resolution_due_at, revisit_due_at, sla_breached) starting at ordinal 'first'.
    private TicketDueTimes? Due(DbDataReader r, int first)
    {
        var next = sql.ReadTimeOrNull(r, first);
        return next == NeverComputed ? null : new TicketDueTimes
        {
            NextAt = next,
            FirstResponseDueAt = sql.ReadTimeOrNull(r, first + 1),
            ResolutionDueAt = sql.ReadTimeOrNull(r, first + 2),
            RevisitDueAt = sql.ReadTimeOrNull(r, first + 3),
            Breached = DeskSql.Long(r, first + 4) != 0,
        };
    }

    // Reads (customer_id, answered_at, csat, nps, dimensions, comment) starting at ordinal 'first'.
    private SurveyResponse Survey(DbDataReader r, TicketId ticket, int first) => new(
        ticket,
        new CustomerId(r.GetString(first)),
        sql.ReadTime(r, first + 1),
        new CsatScore(DeskSql.Int(r, first + 2)),
        r.IsDBNull(first + 3) ? null : new NpsScore(DeskSql.Int(r, first + 3)),
        DeskJson.Dimensions(r.GetString(first + 4)),
        r.GetString(first + 5));
}
