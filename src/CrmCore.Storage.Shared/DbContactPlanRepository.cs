using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using CrmCore.Relationships;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>Contact plan entries (one versioned row each) and contact records (append-only rows) in a database. Thread-safe.</summary>
internal sealed class DbContactPlanRepository(DeskSql sql, IClock? auditClock = null) : IContactPlanRepository
{
    private const string Columns =
        "id, version, customer_id, kind, channel, owner, due_on, planned_at, due_by, purpose, occasion, status, is_open, started_at, actual_at, " +
        "feedback, next_action, cancel_reason, due_raised, overdue_raised, suspended_by_opt_out";

    private const string ContactColumns = "customer_id, at, channel, direction, summary, by_whom, customer_feedback, next_action, next_contact_on, ticket_id";

    private static readonly string Values = string.Join(", ", Columns.Split(", ").Select(c => "@" + c));

    private static readonly string ContactValues = string.Join(", ", ContactColumns.Split(", ").Select(c => "@" + c));

    /// <inheritdoc />
    public async ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}contact_plan_entry WHERE id = @id");
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (state.Version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {state.Version} of contact plan entry {state.Id} must be above the expected version {expectedVersion}.", nameof(state));
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        var transaction = await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await DbAuditStore.WriteAuditedAsync(
            sql, auditClock, lease, "contact_plan_entry", Columns, Values, state.Id.Value, expectedVersion, command => Bind(command, state), $"contact plan entry {state.Id}", Row,
            (actor, at, before) => PlanAudit.Changes(actor, at, before, state), cancellationToken).ConfigureAwait(false);

        if (contact is not null)
        {
            await InsertContactAsync(connection, transaction, contact, cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ContactPlanEntryState> ListAsync(ContactPlanQuery query, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(query, cancellationToken));

    private async IAsyncEnumerable<ContactPlanEntryState> StreamListAsync(ContactPlanQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.Transaction = lease.Transaction;
        var where = new List<string>();
        if (query.Customer is { } customer)
        {
            where.Add("customer_id = @customer");
            DeskSql.Add(command, "@customer", customer.Value);
        }

        if (query.Owner is { } owner)
        {
            where.Add("owner = @owner");
            DeskSql.Add(command, "@owner", owner.Value);
        }

        if (query.DueFrom is { } from)
        {
            where.Add("due_on >= @due_from");
            DeskSql.Add(command, "@due_from", DeskJson.Date(from));
        }

        if (query.DueTo is { } to)
        {
            where.Add("due_on <= @due_to");
            DeskSql.Add(command, "@due_to", DeskJson.Date(to));
        }

        if (query.OpenOnly)
        {
            where.Add("is_open = @open");
            DeskSql.Add(command, "@open", sql.Bool(true));
        }

        var filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}contact_plan_entry{filter} ORDER BY planned_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(reader);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ContactPlanEntryState> ListOwingRemindersAsync(Instant now, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListOwingRemindersAsync(now, cancellationToken));

    private async IAsyncEnumerable<ContactPlanEntryState> StreamListOwingRemindersAsync(Instant now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql(
            $"SELECT {Columns} FROM {{t}}contact_plan_entry WHERE is_open = @open AND overdue_raised = @no AND planned_at <= @now " +
            "AND (due_raised = @no OR due_by <= @now) ORDER BY planned_at, id");
        DeskSql.Add(command, "@open", sql.Bool(true));
        DeskSql.Add(command, "@no", sql.Bool(false));
        DeskSql.Add(command, "@now", sql.Time(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendContactAsync(Interaction contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        var transaction = await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await InsertContactAsync(connection, transaction, contact, cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ListContactsAsync(CustomerId customer, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListContactsAsync(customer, cancellationToken));

    private async IAsyncEnumerable<Interaction> StreamListContactsAsync(CustomerId customer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"SELECT {ContactColumns} FROM {{t}}contact_record WHERE customer_id = @customer ORDER BY at, seq");
        DeskSql.Add(command, "@customer", customer.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new Interaction
            {
                CustomerId = new CustomerId(reader.GetString(0)),
                At = sql.ReadTime(reader, 1),
                Channel = new Channel(reader.GetString(2)),
                Direction = Enum.Parse<InteractionDirection>(reader.GetString(3)),
                Summary = reader.GetString(4),
                By = reader.GetString(5),
                CustomerFeedback = DeskSql.StringOrNull(reader, 6),
                NextAction = DeskSql.StringOrNull(reader, 7),
                NextContactOn = reader.IsDBNull(8) ? null : DeskJson.Date(reader.GetString(8)),
                TicketId = reader.IsDBNull(9) ? null : new TicketId(reader.GetString(9)),
            };
        }
    }

    private async Task InsertContactAsync(DbConnection connection, DbTransaction transaction, Interaction c, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.Sql($"INSERT INTO {{t}}contact_record ({ContactColumns}) VALUES ({ContactValues})");
        DeskSql.Add(command, "@customer_id", c.CustomerId.Value);
        DeskSql.Add(command, "@at", sql.Time(c.At));
        DeskSql.Add(command, "@channel", c.Channel.Code);
        DeskSql.Add(command, "@direction", c.Direction.ToString());
        DeskSql.Add(command, "@summary", c.Summary);
        DeskSql.Add(command, "@by_whom", c.By);
        DeskSql.Add(command, "@customer_feedback", c.CustomerFeedback);
        DeskSql.Add(command, "@next_action", c.NextAction);
        DeskSql.Add(command, "@next_contact_on", c.NextContactOn is { } n ? DeskJson.Date(n) : null);
        DeskSql.Add(command, "@ticket_id", c.TicketId?.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Bind(DbCommand command, ContactPlanEntryState s)
    {
        DeskSql.Add(command, "@id", s.Id.Value);
        DeskSql.Add(command, "@version", s.Version);
        DeskSql.Add(command, "@customer_id", s.Customer.Value);
        DeskSql.Add(command, "@kind", s.Kind.ToString());
        DeskSql.Add(command, "@channel", s.Channel.ToString());
        DeskSql.Add(command, "@owner", s.Owner?.Value);
        DeskSql.Add(command, "@due_on", DeskJson.Date(s.DueOn));
        DeskSql.Add(command, "@planned_at", sql.Time(s.PlannedAt));
        DeskSql.Add(command, "@due_by", sql.Time(s.DueBy));
        DeskSql.Add(command, "@purpose", s.Purpose);
        DeskSql.Add(command, "@occasion", s.Occasion is { } o ? DeskJson.Date(o) : null);
        DeskSql.Add(command, "@status", s.Status.ToString());
        DeskSql.Add(command, "@is_open", sql.Bool(PlanLifecycle.IsOpen(s.Status)));
        DeskSql.Add(command, "@started_at", sql.TimeOrNull(s.StartedAt));
        DeskSql.Add(command, "@actual_at", sql.TimeOrNull(s.ActualAt));
        DeskSql.Add(command, "@feedback", s.Feedback);
        DeskSql.Add(command, "@next_action", s.NextAction);
        DeskSql.Add(command, "@cancel_reason", s.CancelReason);
        DeskSql.Add(command, "@due_raised", sql.Bool(s.DueRaised));
        DeskSql.Add(command, "@overdue_raised", sql.Bool(s.OverdueRaised));
        DeskSql.Add(command, "@suspended_by_opt_out", sql.Bool(s.SuspendedByOptOut));
    }

    private ContactPlanEntryState Row(DbDataReader r) => new()
    {
        Id = new PlanEntryId(r.GetString(0)),
        Version = DeskSql.Long(r, 1),
        Customer = new CustomerId(r.GetString(2)),
        Kind = Enum.Parse<PlanKind>(r.GetString(3)),
        Channel = Enum.Parse<ContactChannel>(r.GetString(4)),
        Owner = r.IsDBNull(5) ? null : new AgentId(r.GetString(5)),
        DueOn = DeskJson.Date(r.GetString(6)),
        PlannedAt = sql.ReadTime(r, 7),
        DueBy = sql.ReadTime(r, 8),
        Purpose = r.GetString(9),
        Occasion = r.IsDBNull(10) ? null : DeskJson.Date(r.GetString(10)),
        Status = Enum.Parse<PlanStatus>(r.GetString(11)),
        StartedAt = sql.ReadTimeOrNull(r, 13),
        ActualAt = sql.ReadTimeOrNull(r, 14),
        Feedback = DeskSql.StringOrNull(r, 15),
        NextAction = DeskSql.StringOrNull(r, 16),
        CancelReason = DeskSql.StringOrNull(r, 17),
        DueRaised = Bool(r, 18),
        OverdueRaised = Bool(r, 19),
        SuspendedByOptOut = Bool(r, 20),
    };

    private static bool Bool(DbDataReader r, int ordinal) => r.GetValue(ordinal) is bool b ? b : DeskSql.Long(r, ordinal) != 0;
}
